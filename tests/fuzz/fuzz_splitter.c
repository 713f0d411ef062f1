/*
 * libFuzzer target: the splitter that cuts a Linux target's output (the
 * most hostile input rempart reads) into one section per probe. The input
 * is fed twice, whole and in chunks whose sizes come from the input, and
 * both runs must cut the same sections with the same bytes, within the
 * per-section and per-host caps.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/script.h"
#include "core/strbuf.h"

/* The boundary of the seed corpus: markers must use it to count. */
#define BOUNDARY	"0123456789abcdef0123456789abcdef"
#define NSECT		4
#define SECT_CAP	512
#define HOST_CAP	1536

static const char *ids[NSECT] = { "rempart.id", "rempart.elevate",
	"linux.passwd", "linux.sshd-config" };

struct run {
	struct rp_splitter	sp;
	struct rp_sect		s[NSECT];
	unsigned		calls;
};

static void
on_sect(void *arg, struct rp_sect *s)
{
	struct run *r = arg;

	if (s->state != RP_SECT_ENDED && s->state != RP_SECT_NA &&
	    s->state != RP_SECT_SKIPPED)
		abort();
	r->calls++;
}

static void
run_init(struct run *r)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < NSECT; i++) {
		r->s[i].id = ids[i];
		rp_strbuf_init(&r->s[i].out, SECT_CAP);
	}
	rp_splitter_init(&r->sp, BOUNDARY, r->s, NSECT, HOST_CAP, on_sect, r);
}

static void
run_release(struct run *r)
{
	size_t i;

	for (i = 0; i < NSECT; i++)
		rp_strbuf_release(&r->s[i].out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run a, b;
	const char *in = (const char *)data;
	size_t i, off, n, kept = 0;
	unsigned seed = size ? data[0] : 0;

	run_init(&a);
	run_init(&b);
	rp_splitter_feed(&a.sp, in, size, 1);
	/* chunks of 1..64 bytes from a cheap generator seeded by the input */
	for (off = 0; off < size; off += n) {
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 64;
		if (n > size - off)
			n = size - off;
		rp_splitter_feed(&b.sp, in + off, n, 1);
	}
	if (a.calls != b.calls || a.sp.done != b.sp.done ||
	    a.sp.noise != b.sp.noise || (a.sp.cur == NULL) != (b.sp.cur == NULL))
		abort();
	for (i = 0; i < NSECT; i++) {
		const struct rp_sect *x = &a.s[i], *y = &b.s[i];

		if (x->state != y->state || x->exit_code != y->exit_code ||
		    x->seen != y->seen || x->truncated != y->truncated ||
		    x->out.len != y->out.len ||
		    (x->out.len && memcmp(x->out.buf, y->out.buf,
		    x->out.len) != 0))
			abort();
		if (x->out.len > SECT_CAP || x->out.len > x->seen ||
		    (x->out.len < x->seen) != (x->truncated != 0))
			abort();
		kept += x->out.len;
	}
	if (kept > HOST_CAP || a.sp.noise > size)
		abort();
	run_release(&a);
	run_release(&b);
	return 0;
}
