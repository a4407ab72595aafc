#!/bin/sh
# RothWizard launcher, installed as /usr/bin/rothwizard by the .deb (version @VERSION@).
# Font caches go to the user's cache folder, not /var/cache (see /opt/rothwizard/fonts.conf).
if [ -z "${FONTCONFIG_FILE:-}" ] && [ -f /opt/rothwizard/fonts.conf ]; then
  FONTCONFIG_FILE=/opt/rothwizard/fonts.conf
  export FONTCONFIG_FILE
fi
exec /opt/rothwizard/rothwizard "$@"
