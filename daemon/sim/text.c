/* text.c: small string helpers for the hot paths of party and address
 * rendering, where snprintf's format parsing cost more than the work. */
#include <stdarg.h>

#include "sim.h"

size_t sjoin(char *dst, size_t n, ...)
{
    if (n == 0)
        return 0;
    size_t len = 0;
    va_list ap;
    va_start(ap, n);
    const char *s;
    while ((s = va_arg(ap, const char *)) != NULL)
        len += scopy(dst + len, n - len, s);
    va_end(ap);
    return len;
}

const char *utoa10(unsigned v, char buf[12])
{
    char *p = buf + 11;
    *p = 0;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return p;
}

/* Upper case as filers' systems write it: ASCII, and the accented Latin
 * and Cyrillic letters of the names we make (ä -> Ä, ş -> Ş, ı -> I,
 * ж -> Ж), in place; UTF-8 keeps its length for all of them but ı. */
void upcase_utf8(char *s)
{
    unsigned char *p = (unsigned char *)s, *w = p;
    while (*p) {
        unsigned c = *p;
        if (c >= 'a' && c <= 'z') {
            *w++ = (unsigned char)(c - 32);
            p++;
            continue;
        }
        if ((c & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
            unsigned cp = ((c & 0x1f) << 6) | (p[1] & 0x3f);
            if (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7)
                cp -= 0x20;                       /* Latin-1 */
            else if (cp == 0x131)
                cp = 'I';                         /* dotless i */
            else if (cp >= 0x100 && cp <= 0x17f && (cp & 1) && cp != 0x149 &&
                     !(cp >= 0x139 && cp <= 0x148) && !(cp >= 0x179 && cp <= 0x17e))
                cp -= 1;                          /* Latin Extended-A pairs */
            else if (cp >= 0x13a && cp <= 0x148 && !(cp & 1))
                cp -= 1;
            else if (cp >= 0x17a && cp <= 0x17e && !(cp & 1))
                cp -= 1;
            else if (cp >= 0x430 && cp <= 0x44f)
                cp -= 0x20;                       /* Cyrillic */
            else if (cp >= 0x450 && cp <= 0x45f)
                cp -= 0x50;
            if (cp < 0x80) {
                *w++ = (unsigned char)cp;
            } else {
                *w++ = (unsigned char)(0xc0 | (cp >> 6));
                *w++ = (unsigned char)(0x80 | (cp & 0x3f));
            }
            p += 2;
            continue;
        }
        *w++ = *p++;
    }
    *w = 0;
}
