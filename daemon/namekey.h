/* namekey.h: a name key that survives translation of the generic words.
 *
 * A company filed in its own script is seldom a letter-for-letter
 * transliteration of its Latin name: the distinctive part (the brand, a
 * place) is transliterated, the generic part is translated or dropped.
 * "Golestan Kala Co." is "شرکت کالا گلستان" (company, goods, Golestan),
 * "AL BARAKA MACHINERY TRADING LLC" is "البركة لتجارة المعدات ذ.م.م" (Al
 * Baraka, for trading the equipment, LLC), "Choson Ch'o'llima Trading
 * Corporation" is "조선천리마무역총회사"; Persian and Arabic script write no
 * short vowels, so "Zagros" comes back as "zagrs" and "Behsaz" as "bhsaz".
 *
 * cw_name_sounds keeps what survives all of that.  The generic business
 * words of the major trading languages are taken out (in their own
 * scripts as substrings, since Chinese and Korean write no spaces; in
 * Latin letters as whole words), and what they mean is kept as a set of
 * concepts (trade, engineering, equipment...), so that "Machinery
 * Trading" and "لتجارة المعدات" agree.  Each remaining word goes through
 * cw_norm_name and cw_norm_name_fold, and its consonants but h are
 * pooled.  The key is the pooled consonants in alphabetical order, a dot
 * and the concepts in hex: "klnst.0200" for all three Golestan spellings,
 * "kllp.0041" for both Al Barakas, "jlm.0001" for both Ch'ollimas.
 *
 * The key is deliberately coarse (it ignores word order and vowels): a
 * weak identifier, weighed like the others by how many shipments carry
 * it.  Returns the key's length, 0 (out "") when fewer than two
 * consonants are left or outlen is under 8.
 */
#ifndef CW_NAMEKEY_H
#define CW_NAMEKEY_H

#include <stddef.h>

size_t cw_name_sounds(const char *name, char *out, size_t outlen);

#endif
