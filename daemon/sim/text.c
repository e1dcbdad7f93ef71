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
