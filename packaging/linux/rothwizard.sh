#!/bin/sh
# RothWizard launcher, installed as /usr/bin/rothwizard by the .deb (version @VERSION@).
exec /opt/rothwizard/rothwizard "$@"
