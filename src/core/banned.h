/*
 * banned.h -- functions we never use; include it last in every .c file.
 * Use strbuf, snprintf/xasprintf, rp_strtonum/rp_strtonum_prefix,
 * rp_next_token and gmtime_r/localtime_r instead (core/util.h).
 *
 * strtoll is not banned yet: engine/eval_ad.c still calls it; ban it with
 * the others once that call goes through rp_strtonum.
 */
#ifndef RP_BANNED_H
#define RP_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef sscanf
#define sscanf(...) BANNED(sscanf)
#undef strtok_r
#define strtok_r(x, y, z) BANNED(strtok_r)
#undef strtol
#define strtol(x, y, z) BANNED(strtol)
#undef strtoul
#define strtoul(x, y, z) BANNED(strtoul)
#undef strtoll
#define strtoll(x, y, z) BANNED(strtoll)
#undef strtoull
#define strtoull(x, y, z) BANNED(strtoull)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif
