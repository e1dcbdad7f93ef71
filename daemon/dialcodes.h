/* dialcodes.h: ITU country calling codes by ISO 3166-1 alpha-2 country,
 * for completing national phone numbers. */
#ifndef CW_DIALCODES_H
#define CW_DIALCODES_H

/* "CN" -> "86", "us" -> "1" (case-insensitive); NULL when iso2 is NULL,
 * not two letters, or not a country with a calling code.  For the North
 * American Numbering Plan members the code is "1": their area codes
 * (e.g. 684 for American Samoa) belong to the national number. */
const char *cw_dialcode(const char *iso2);

#endif
