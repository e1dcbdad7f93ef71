/* normalise.h: canonical forms of the identifiers filers spell many ways.
 *
 * Owns the folding of names (any script to Latin with ICU, case,
 * punctuation, legal suffixes, romanisation variants), phones, emails,
 * addresses and registration numbers into keys that compare equal when
 * they name the same thing.  Each function writes a NUL-terminated key into
 * out (truncated to outlen) and returns its length; 0 means "nothing usable"
 * (out is then "" when outlen > 0).
 *
 * Input may be anything: NULL, empty, invalid UTF-8 (bad bytes become
 * separators), or very long (only the first CW_NORM_INPUT_MAX bytes are
 * read).  Text that is pure ASCII never reaches ICU.  The ICU objects are
 * opened on first use and shared, so these functions are for one thread
 * (the engine's); keys depend on the ICU version's transliteration data.
 */
#ifndef CW_NORMALISE_H
#define CW_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of any one input that are looked at. */
#define CW_NORM_INPUT_MAX 2048

/* Readable canonical name, tokens kept in filed order:
 *   "Dalian Tong-Myo'ng Trading Co., Ltd." -> "dalian tong myong trading"
 *   "大连东明贸易有限公司"               -> "dalian dongming maoyi"
 *   "ООО «Ромашка»"                      -> "romashka"
 * Any script is transliterated to Latin ASCII (Russian by BGN/PCGN, Han to
 * toneless pinyin with the syllables of each dictionary word run together
 * and a few polyphonic place and trade names read right — 厦门 "xiamen",
 * 银行 "yinhang" —, Hangul by Revised Romanization); lower case; apostrophes dropped
 * ("o'ng" -> "ong"); other punctuation separates words; "&" -> "and";
 * runs of single letters joined ("S.A." -> "sa", "J P Morgan" -> "jp
 * morgan"); legal-form designators removed where they are designators:
 * at the end ("co ltd", "company limited", "gmbh", "llc", "pte", "sdn bhd",
 * "fz llc", "sp zoo"...) or the start ("ooo", "jsc", "pt", "m/s"...), and
 * before transliteration 有限公司, 股份有限公司, 株式会社, 주식회사, (주),
 * АО, شرکت, شركة, ذ.م.م... — never in the middle, and never the last word
 * left ("Limited" stays "limited").  Meaningful words ("trading", "group")
 * are kept. */
size_t cw_norm_name(const char *in, char *out, size_t outlen);

/* The kind of company a filed name says it is, by the legal form it ends
 * or (as in Russia) starts with: CW_FORM_* bits, 0 when it names none that
 * says the kind plainly.  A company is registered as one kind, so two names
 * that agree but for forms of different kinds are two companies
 * ("Akdeniz Teknoloji A.S.", joint-stock, is not "Akdeniz Teknoloji Ltd.
 * Sti.", limited).  "Co., Ltd." (joint-stock in Japan and Korea, limited
 * in China), "Co." and "Company" say nothing and give 0. */
enum { CW_FORM_SHARES = 1, CW_FORM_LIMITED = 2, CW_FORM_SOLE = 4, CW_FORM_PARTNERSHIP = 8 };
unsigned cw_norm_legal_form(const char *name);

/* The same, with the tokens sorted: tolerant of word order. */
size_t cw_norm_name_sorted(const char *in, char *out, size_t outlen);

/* Matching key for names: cw_norm_name, then spaces removed and a coarse
 * phonetic folding that makes romanisation variants meet (Korean McCune-
 * Reischauer vs Revised, Persian/Arabic vowel spellings, pinyin vs
 * Wade-Giles initials):
 *   "Dalian Tong-Myo'ng Trading Co., Ltd.", "Dalian Tong Myong Trading
 *   Company Limited", "dalian tongmyong trading co ltd", "DALIAN DONG
 *   MYEONG TRADING" -> all "talantankmanktlatank";
 *   "Mohammad", "Muhammad", "Mohamed" -> "mahamat";
 *   "大连", "Dalian", "대련" (Korean reading), "Taeryŏn" -> "talan".
 * The key is for equality tests, not display (show cw_norm_name).  Rules:
 * c k g q -> k; ch zh j dj dzh -> j; d t -> t; b p -> p; ph -> f; sh -> s;
 * x -> ks; r -> l; w -> v; h kept only word-initially or between vowels;
 * every run of vowels (a e i o u y) -> one "a"; doubled letters collapsed
 * (digits never).  Coarse on purpose: distinct names can share a key
 * ("Ali", "Eli"), so a name key is a weak identifier on its own and short
 * keys weaker still. */
size_t cw_norm_name_key(const char *in, char *out, size_t outlen);

/* The key of a name already normalised by cw_norm_name (saves running
 * ICU twice when both are wanted). */
size_t cw_norm_name_fold(const char *norm, char *out, size_t outlen);

/* International form, digits only, no "+":
 *   "+86 411 8888 1234", "0086-411-88881234", "+86 (0)411 8888 1234",
 *   and "0411 8888 1234" or "(411) 88881234" with country "CN"
 *   -> "8641188881234".
 * "+" or "00" (or "011" in NANP countries) marks the international prefix,
 * which is dropped; a lone "(0)" after it is dropped.  A number without
 * one, when country (ISO alpha-2, any case; may be NULL) has a known
 * calling code, loses its trunk "0" (Italy, San Marino and the Vatican
 * keep it; Russia's and Kazakhstan's trunk "8" becomes "7") and gains the
 * calling code — unless it already starts with that code and is long
 * enough to hold a national number after it.  Without a known country the
 * digits stay as filed.  Reading stops at an extension ("ext", "x", any
 * letter after the digits) or a second number ("/", ",", ";").  Full-width
 * and Arabic-Indic digits count.  Fewer than 6 digits after the prefix
 * -> 0; more than 20 are cut. */
size_t cw_norm_phone(const char *in, const char *country, char *out, size_t outlen);

/* Lower case, trimmed; "mailto:" and surrounding "<>" dropped;
 * "local+tag@Domain" -> "local@domain"; for gmail.com and googlemail.com
 * (which ignore dots) "j.smith@googlemail.com" -> "jsmith@gmail.com".
 * Invalid -> 0: no "@", empty local part or domain, whitespace or control
 * characters inside, domain without a dot, invalid UTF-8. */
size_t cw_norm_email(const char *in, char *out, size_t outlen);

/* The domain of cw_norm_email's result: "J.Smith+x@Example.COM" ->
 * "example.com".  0 when the address is invalid. */
size_t cw_norm_email_domain(const char *in, char *out, size_t outlen);

/* Is domain (as returned by cw_norm_email_domain) a free-mail provider
 * (gmail.com, yahoo.*, hotmail.*, outlook.*, 163.com, qq.com, mail.ru,
 * yandex.ru, naver.com...)?  Anyone can open a mailbox there, so sharing
 * such a domain links nobody: it is a weak identifier and should never
 * link parties by itself (the full address still may). */
bool cw_norm_freemail(const char *domain);

/* Lower-case ASCII tokens (transliterated; Han kept one syllable per
 * token), punctuation dropped, sorted and de-duplicated, joined by single
 * spaces, so word order and abbreviation do not matter:
 *   "No. 5, Renmin Rd., 12/F, Bldg A" and "Building A 12th Floor 5 Renmin
 *   Road" -> "12 5 a building floor renmin road".
 * Abbreviations expanded: rd road, st str street, ave av avenue, blvd
 * boulevard, bldg bld building, f fl flr floor, rm room, ste suite, apt
 * apartment, blk block, dist distr district, prov province, ctr cntr centre
 * center, sq square, hwy highway, ln lane, dr drive, ct court, pl place,
 * ind indl industrial, intl international, twr tower, n s e w north south
 * east west, pinyin lu road, jie street, qu district; "12th" -> "12",
 * "12f" -> "12 floor".  Number markers are dropped (no, nr, num, number,
 * pinyin hao; "no5" -> "5"); other common words (street, road, floor,
 * room, building...) are kept. */
size_t cw_norm_address(const char *in, char *out, size_t outlen);

/* Upper-case letters and digits only (full-width forms folded; anything
 * else dropped): "91-2102-0000 1234x" -> "91210200001234X".  A label
 * ending in a colon is dropped: "EORI: DE123456789" -> "DE123456789". */
size_t cw_norm_registration(const char *in, char *out, size_t outlen);

/* Open ICU and build its transliterators for the scripts feeds carry
 * most, at start-up: ICU builds a script's transliterator the first time
 * it meets one (tens of milliseconds each), which would otherwise hold up
 * the message that brought it. */
void cw_norm_warm(void);

/* Free ICU state (at exit, for leak checkers); the next call reopens it. */
void cw_norm_cleanup(void);

#endif
