/*
 * json.h - span-preserving JSON Lines scanner and writer.
 *
 * pl_json_parse_object() checks that a line is exactly one JSON object
 * (RFC 8259) and records, for every top-level member, the raw bytes of
 * its key and of its value.  Values are never converted: a tool decodes
 * the one string it works on and copies every other member byte for byte
 * when it writes the record back, so 100000000000000000001 and 1.10 come
 * out as they went in and key order is kept.
 *
 * Memory: a struct pl_json_object owns its member array (reused from one
 * parse to the next) but not the text; member spans point into the line
 * that was parsed and die with it.
 */
#ifndef PL_JSON_H
#define PL_JSON_H

#include <stddef.h>

#include "buf.h"
#include "pressline.h"

enum pl_json_type {
	PL_JSON_NONE = 0, /* member absent */
	PL_JSON_NULL,
	PL_JSON_FALSE,
	PL_JSON_TRUE,
	PL_JSON_NUMBER,
	PL_JSON_STRING,
	PL_JSON_ARRAY,
	PL_JSON_OBJECT
};

/* Deepest nesting accepted; deeper input is rejected, not a crash. */
#define PL_JSON_MAX_DEPTH 512

struct pl_json_member {
	const char *key; /* raw key, quotes included */
	size_t keylen;
	const char *val; /* raw value (strings: quotes included) */
	size_t vallen;
	enum pl_json_type type;
	int escaped; /* a string value that holds a backslash escape */
	int ascii;   /* a string value whose bytes are all ASCII */
};

struct pl_json_object {
	struct pl_json_member *m;
	size_t n;
	size_t cap;
};

#define PL_JSON_OBJECT_INIT                                                    \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * Parse s (len bytes, no newline) as one JSON object, surrounding white
 * space allowed.  Returns 0, or -1 with err->msg saying what is wrong and
 * err->col the 1-based byte column (a malformed line, or out of memory
 * when err->col is 0).  obj is reused: previous members are forgotten.
 */
int pl_json_parse_object(struct pl_json_object *obj, const char *s, size_t len,
                         struct pl_error *err);

/* Release the member array; obj becomes empty.  NULL is a no-op. */
void pl_json_object_free(struct pl_json_object *obj);

/*
 * Find the member at a dotted path ("meta.body": member "body" of the
 * object in member "meta").  A key that itself contains a dot can be
 * reached by a path that matches it whole.  Duplicate keys: the last one
 * wins (as in jq and Python).  Returns 1 and fills *out when found, 0
 * otherwise.  *out points into the parsed line.
 */
int pl_json_lookup(const struct pl_json_object *obj, const char *path,
                   struct pl_json_member *out);

/*
 * Decode the JSON string value val (quotes included) and append its
 * UTF-8 text to out.  Every escape is handled; \u surrogate pairs are
 * combined, lone surrogates become U+FFFD; invalid UTF-8 bytes become
 * U+FFFD.  Stores the number of replacements in *nrepl (if not NULL).
 * Returns 0, or -1 when val is not a valid string or memory runs out.
 */
int pl_json_decode_string(const char *val, size_t vallen, struct pl_buf *out,
                          size_t *nrepl);

/*
 * Give the decoded text of the string member m: when it holds no escape
 * and is valid UTF-8, *text points into the parsed line itself (no copy);
 * otherwise it is decoded into scratch (reset first) and *text points
 * there.  Either way *text is valid until the line or scratch changes.
 * Returns 0, or -1 as pl_json_decode_string does.
 */
int pl_json_string_view(const struct pl_json_member *m, struct pl_buf *scratch,
                        const char **text, size_t *len, size_t *nrepl);

/*
 * Append s as a JSON string (with quotes) to out: ", \ and control
 * characters are escaped, invalid UTF-8 becomes U+FFFD, everything else
 * is copied as UTF-8.  Returns 0, or -1 when memory runs out.
 */
int pl_json_put_string(struct pl_buf *out, const char *s, size_t len);

/* Append a decimal integer (a JSON number). */
int pl_json_put_int(struct pl_buf *out, long long v);

/* One change to a record for pl_json_write_edited. */
struct pl_json_edit {
	const char *path; /* dotted member path */
	const char *val;  /* raw JSON text of the new value; NULL = delete */
	size_t vallen;
};

/*
 * Append to out the compact form of the object obj was parsed from, with
 * edits applied: a member named by an edit is replaced in place (or
 * removed when its val is NULL); an edit whose member does not exist is
 * appended at the end of its object (created when a parent is missing).
 * Every other member is copied byte for byte.  Returns 0, or -1 when
 * memory runs out.
 */
int pl_json_write_edited(struct pl_buf *out, const struct pl_json_object *obj,
                         const struct pl_json_edit *edits, size_t nedits);

#endif
