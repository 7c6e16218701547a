/*
 * PIIX3 function 00:01.0 (hw/isa/piix3.c): IDs and reset values, PIRQ
 * routing of PCI INTx levels onto the PIC inputs, a routing write setting
 * all 16 inputs (QEMU's piix3_write_config), and the reset control port.
 * The config space as a guest sees it is also compared with QEMU by
 * roms/piix3.asm.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <glib.h>
#include "hw/isa/piix3.h"

static int level[PIIX_NUM_PIC_IRQS];
static int sets[PIIX_NUM_PIC_IRQS];
static int resets;

static void pic_line(void *opaque, int n, int l)
{
    (void)opaque;
    level[n] = l;
    sets[n]++;
}

static void reset_request(void)
{
    resets++;
}

static PCIBus bus;
static PIIX3State piix3;
static qemu_irq *lines;

static void setup(void)
{
    char *err = NULL;

    memset(level, 0, sizeof(level));
    memset(sets, 0, sizeof(sets));
    resets = 0;
    memset(&bus, 0, sizeof(bus));
    lines = qemu_allocate_irqs(pic_line, NULL, PIIX_NUM_PIC_IRQS);
    ck_assert(piix3_init(&piix3, &bus, PCI_DEVFN(1, 0), lines, reset_request, &err));
    piix3_reset(&piix3);
}

static void teardown(void)
{
    qemu_free_irqs(lines, PIIX_NUM_PIC_IRQS);
}

static void cfg_write(uint32_t addr, uint32_t val, int len)
{
    piix3.dev.config_write(&piix3.dev, addr, val, len);
}

START_TEST(test_ids_and_reset)
{
    PCIDevice *d = &piix3.dev;

    ck_assert_uint_eq(pci_get_word(d->config + 0x00), 0x8086);
    ck_assert_uint_eq(pci_get_word(d->config + 0x02), 0x7000);
    ck_assert_uint_eq(pci_get_word(d->config + 0x0a), 0x0601);
    ck_assert_uint_eq(d->config[0x0e], 0x80);            /* multifunction */
    ck_assert_uint_eq(pci_get_long(d->config + 0x60), 0x80808080);
    ck_assert_uint_eq(d->config[0x4c], 0x4d);
    ck_assert_uint_eq(d->config[0xa8], 0x0f);
    ck_assert_uint_eq(d->config[0x04], 0x07);            /* until the bus reset */
}
END_TEST

START_TEST(test_pirq_routing)
{
    cfg_write(0x60, 0x80800b09, 4);     /* PIRQA -> 9, PIRQB -> 11, C/D off */
    for (int i = 0; i < PIIX_NUM_PIC_IRQS; i++) {
        /* the routed inputs once for their PIRQ, then every input, to 0 */
        ck_assert_int_eq(sets[i], i == 9 || i == 11 ? 2 : 1);
        ck_assert_int_eq(level[i], 0);
    }
    piix3_set_pirq(&piix3, 0, 1);
    ck_assert_int_eq(level[9], 1);
    piix3_set_pirq(&piix3, 1, 1);
    ck_assert_int_eq(level[11], 1);
    piix3_set_pirq(&piix3, 2, 1);       /* routing disabled: nothing */
    ck_assert_int_eq(sets[0] + sets[1] + sets[2], 3);     /* still once each */
    piix3_set_pirq(&piix3, 0, 0);
    ck_assert_int_eq(level[9], 0);
    ck_assert_int_eq(level[11], 1);

    /* Rerouting keeps a line that is up: PIRQB (up) moves from 11 to 9. */
    cfg_write(0x61, 0x09, 1);
    ck_assert_int_eq(level[11], 0);
    ck_assert_int_eq(level[9], 1);
    piix3_set_pirq(&piix3, 1, 0);
    ck_assert_int_eq(level[9], 0);

    /* Two PIRQs on one input: up while either is. */
    piix3_set_pirq(&piix3, 0, 1);
    piix3_set_pirq(&piix3, 1, 1);
    piix3_set_pirq(&piix3, 0, 0);
    ck_assert_int_eq(level[9], 1);
    piix3_set_pirq(&piix3, 1, 0);
    ck_assert_int_eq(level[9], 0);
    piix3_set_pirq(&piix3, 7, 1);       /* no such PIRQ: ignored */
}
END_TEST

START_TEST(test_reset_control)
{
    const MemoryRegionOps *ops = &piix3_rcr_ops;

    ck_assert_uint_eq(ops->read(&piix3, 0, 1), 0);
    ops->write(&piix3, 0, 0x0a, 1);
    ck_assert_uint_eq(ops->read(&piix3, 0, 1), 0x02);    /* bit 1 only */
    ck_assert_int_eq(resets, 0);
    ops->write(&piix3, 0, 0x06, 1);
    ck_assert_int_eq(resets, 1);
    ck_assert_uint_eq(ops->read(&piix3, 0, 1), 0x02);    /* unchanged */
    piix3_reset(&piix3);
    ck_assert_uint_eq(ops->read(&piix3, 0, 1), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("piix3");
    TCase *tc = tcase_create("piix3");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_ids_and_reset);
    tcase_add_test(tc, test_pirq_routing);
    tcase_add_test(tc, test_reset_control);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
