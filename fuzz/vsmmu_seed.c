/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vsmmu_seed.c - make a fuzz seed for one target from a scenario:
 *
 *   fuzz/vsmmu-seed TARGET FILE.scn OUT
 *   fuzz/vsmmu-seed --print TARGET INPUT     (the program the target runs)
 *   fuzz/vsmmu-seed --after TARGET FILE.scn OUT
 *
 * With --after the scenario continues the target's prologue (it names the
 * prologue's guests and creates none): OUT gets the bytes of an input that
 * the target runs after its prologue (fuzz_encode_after), no magic; it
 * fails when the target would not (fuzz_continues_prologue).
 *
 * The scenario is parsed and encoded so that the target's decoder (with
 * its kinds mask) gives back its ops of the allowed kinds (the others are
 * dropped); see fuzz/fuzz_common.h. corpus/make-seeds.sh runs it for every
 * scenario and target. With --print, a fuzz input (a crash) is built into
 * the program the target executes - its prologue included - and printed as
 * scenario text that vsmmu-run replays. Exit status: 0 written, 1 nothing to write (no op of
 * the allowed kinds survives), 2 usage, read or parse error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/readall.h"

/* The whole file as NUL-terminated text, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	uint8_t *b;

	return readall_file(path, 64u << 20, &b, len) == READALL_OK ? (char *)b : NULL;
}

int main(int argc, char **argv)
{
	const struct fuzz_target *t;
	struct prog p;
	char err[512], *text;
	uint8_t *out;
	size_t len, olen;
	FILE *f;
	int rc = 2;

	if (argc == 4 && strcmp(argv[1], "--print") == 0 && (t = fuzz_target_by_name(argv[2]))) {
		text = slurp(argv[3], &len);
		if (!text) {
			fprintf(stderr, "%s: cannot read\n", argv[3]);
			return 2;
		}
		prog_init(&p);
		rc = fuzz_build(t, (const uint8_t *)text, len, &p) || scn_print(&p, stdout) < 0 ? 2 : 0;
		prog_free(&p);
		free(text);
		return rc;
	}
	if (argc == 5 && strcmp(argv[1], "--after") == 0 && (t = fuzz_target_by_name(argv[2]))) {
		text = slurp(argv[3], &len);
		if (!text) {
			fprintf(stderr, "%s: cannot read\n", argv[3]);
			return 2;
		}
		rc = 2;
		if (fuzz_encode_after(t, text, len, &out, &olen, err, sizeof err))
			fprintf(stderr, "%s: %s\n", argv[3], err);
		else if (fuzz_continues_prologue(t, out, olen) != 1) {
			fprintf(stderr, "%s: its first record selects psmmu or guest, so %s would run it"
				" as a self-contained program\n", argv[3], t->name);
			free(out);
		} else {
			f = fopen(argv[4], "wb");
			if (f && (olen == 0 || fwrite(out, 1, olen, f) == olen) && fclose(f) == 0)
				rc = 0;
			else
				fprintf(stderr, "%s: cannot write\n", argv[4]);
			free(out);
		}
		free(text);
		return rc;
	}
	if (argc != 4 || !(t = fuzz_target_by_name(argv[1]))) {
		fprintf(stderr, "usage: vsmmu-seed TARGET FILE.scn OUT | vsmmu-seed --print TARGET INPUT\n"
				"       vsmmu-seed --after TARGET FILE.scn OUT\n"
				"  TARGET: fuzz_mmio fuzz_prog fuzz_cmdq fuzz_strtab fuzz_faults fuzz_evtq fuzz_dma\n"
				"          fuzz_system\n");
		return 2;
	}
	text = slurp(argv[2], &len);
	if (!text) {
		fprintf(stderr, "%s: cannot read\n", argv[2]);
		return 2;
	}
	prog_init(&p);
	if (scn_parse(argv[2], text, len, &p, err, sizeof err)) {
		fprintf(stderr, "%s\n", err);
		goto done;
	}
	if (fuzz_encode_for(t, &p, true, &out, &olen)) {
		fprintf(stderr, "%s: cannot encode for %s\n", argv[2], t->name);
		goto done;
	}
	if (olen <= BYTES_MAGIC_LEN) {
		free(out);
		rc = 1;
		goto done;
	}
	f = fopen(argv[3], "wb");
	if (!f || fwrite(out, 1, olen, f) != olen || fclose(f)) {
		fprintf(stderr, "%s: cannot write\n", argv[3]);
		free(out);
		goto done;
	}
	free(out);
	rc = 0;
done:
	prog_free(&p);
	free(text);
	return rc;
}
