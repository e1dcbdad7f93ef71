/* log.h: one line per event on stderr, with a syslog priority prefix
 * ("<3>", "<4>", "<6>", "<7>") so journald keeps the level.  Messages
 * never include secrets: callers log names of settings, never values of
 * sasl.* or ssl.* keys; and, in case a library's message quotes one (a
 * librdkafka debug dump), every value registered with cw_log_secret() is
 * replaced by "***" in each line before it is written. */
#ifndef CW_LOG_H
#define CW_LOG_H

#include <syslog.h>

void cw_log_set_level(int priority);   /* LOG_ERR .. LOG_DEBUG; default LOG_INFO */
int cw_log_level(void);
/* Never write this string (copied; strings shorter than 4 bytes ignored). */
void cw_log_secret(const char *value);
void cw_log_secrets_clear(void);
void cw_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define cw_err(...) cw_log(LOG_ERR, __VA_ARGS__)
#define cw_warn(...) cw_log(LOG_WARNING, __VA_ARGS__)
#define cw_info(...) cw_log(LOG_INFO, __VA_ARGS__)
#define cw_debug(...) cw_log(LOG_DEBUG, __VA_ARGS__)

#endif
