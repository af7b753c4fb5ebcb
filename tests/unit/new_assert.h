/*
 * new_assert.h - Criterion's new assertions, with gt() made strict.
 *
 * Criterion 2.4.1, the version Debian 12 ships, expands the typed
 * gt(Tag, a, b) to !(a < b), that is a >= b: cr_expect(gt(sz, n, 0))
 * passes for n == 0, and a test of "never empty" cannot fail
 * (Snaipe/Criterion issue #473, fixed after that release).  lt() is
 * right, so gt(Tag, a, b) here is lt(Tag, b, a).  Every unit test
 * includes this header instead of <criterion/new/assert.h>.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef PL_TESTS_NEW_ASSERT_H
#define PL_TESTS_NEW_ASSERT_H

#include <criterion/new/assert.h>

#undef gt
#define gt(Tag, Actual, Ref) lt(Tag, Ref, Actual)

#endif
