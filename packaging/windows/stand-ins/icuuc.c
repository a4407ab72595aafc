/* Stand-in for Windows' icuuc.dll under Wine 8.0 (test harness only, see README.md): the ucnv_* functions
   Qt6Core.dll imports. No converter is available, so Qt uses its built-in codecs. */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
typedef uint16_t UChar;
#define U_FILE_ACCESS_ERROR 4
#define U_UNSUPPORTED_ERROR 16

static int failed(UErrorCode *err) { return err == NULL || *err > 0; }
static void set_error(UErrorCode *err, UErrorCode code) { if (err != NULL && *err <= 0) *err = code; }

void *ucnv_open(const char *name, UErrorCode *err) { (void)name; set_error(err, U_FILE_ACCESS_ERROR); return NULL; }
void ucnv_close(void *cnv) { (void)cnv; }
void ucnv_reset(void *cnv) { (void)cnv; }
int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; set_error(err, U_UNSUPPORTED_ERROR); return ""; }
const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; (void)err; return NULL; }
const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
int32_t ucnv_countAvailable(void) { return 0; }
void ucnv_toUnicode(void *cnv, UChar **target, const UChar *target_limit, const char **source,
                    const char *source_limit, int32_t *offsets, int8_t flush, UErrorCode *err)
{ (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
  if (!failed(err)) set_error(err, U_UNSUPPORTED_ERROR); }
void ucnv_fromUnicode(void *cnv, char **target, const char *target_limit, const UChar **source,
                      const UChar *source_limit, int32_t *offsets, int8_t flush, UErrorCode *err)
{ (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
  if (!failed(err)) set_error(err, U_UNSUPPORTED_ERROR); }
int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
void ucnv_getToUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context)
{ (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
void ucnv_setToUCallBack(void *cnv, void *action, const void *context, void **old_action,
                         const void **old_context, UErrorCode *err)
{ (void)cnv; (void)action; (void)context; (void)err; if (old_action) *old_action = NULL; if (old_context) *old_context = NULL; }
void ucnv_setFromUCallBack(void *cnv, void *action, const void *context, void **old_action,
                           const void **old_context, UErrorCode *err)
{ (void)cnv; (void)action; (void)context; (void)err; if (old_action) *old_action = NULL; if (old_context) *old_context = NULL; }
void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset, UErrorCode *err)
{ (void)args; (void)source; (void)length; (void)offset; (void)err; }
void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit, int32_t offset,
                             UErrorCode *err)
{ (void)args; (void)source; (void)source_limit; (void)offset; (void)err; }
void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units, int32_t length,
                                   int reason, UErrorCode *err)
{ (void)context; (void)args; (void)units; (void)length; (void)reason; (void)err; }
void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units, int32_t length,
                                     int32_t code_point, int reason, UErrorCode *err)
{ (void)context; (void)args; (void)units; (void)length; (void)code_point; (void)reason; (void)err; }
