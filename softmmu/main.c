/*
 * x86slice entry point: everything happens in softmmu/vl.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/vl.h"

int main(int argc, char **argv)
{
    return x86slice_main(argc, argv);
}
