/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * smmuv3_regs.h - every SMMUv3 register offset, field mask, opcode and event
 * code used by vsmmu-fuzz, named once, as the Arm SMMUv3 architecture
 * specification (IHI 0070 G.b) names them: registers §6.3, STE §5.2, CD §5.4,
 * commands §4, events §7.3.
 *
 * Fields are masks over the containing word; read and write them only with
 * VS_FIELD_GET / VS_FIELD_PREP so that no logic shifts by a literal.
 * Structures (STE, CD, commands, event records) are arrays of little-endian
 * 64-bit words: STEn_/CDn_/CMDn_/EVTn_ masks apply to word n.
 */
#ifndef VSMMU_SMMUV3_REGS_H
#define VSMMU_SMMUV3_REGS_H

#include <stdint.h>

/* ---- field helpers ------------------------------------------------------ */
#define VS_BIT(n)           (UINT64_C(1) << (n))
#define VS_GENMASK(h, l)    ((~UINT64_C(0) >> (63 - (h))) & (~UINT64_C(0) << (l)))
#define VS_FIELD_SHIFT(m)   ((unsigned)__builtin_ctzll((uint64_t)(m)))
#define VS_FIELD_GET(m, v)  ((((uint64_t)(v)) & (uint64_t)(m)) >> VS_FIELD_SHIFT(m))
#define VS_FIELD_PREP(m, v) (((((uint64_t)(v)) << VS_FIELD_SHIFT(m)) & (uint64_t)(m)) + \
			     VS__FITS_OR_FAIL(m, v))
/* Largest value a field can hold. */
#define VS_FIELD_MAX(m)     ((uint64_t)(m) >> VS_FIELD_SHIFT(m))
/* A constant v that does not fit field m fails the build (a typo such as
 * VS_FIELD_PREP(STE0_CONFIG, 8) would otherwise be truncated silently);
 * a run-time v (or mask) is truncated to the field. VS__IS_ICE tells an integer
 * constant expression apart: only then is (void *)(x * 0) a null pointer
 * constant, which makes the conditional an int * (C11 6.5.15p6). The
 * check is a sizeof, so VS_FIELD_PREP stays a constant expression. */
#define VS__IS_ICE(x)       _Generic((1 ? (int *)0 : (void *)((long)(x) * 0l)), int *: 1, default: 0)
#define VS__CONST_OR(x, d)  __builtin_choose_expr(VS__IS_ICE(x), (x), (d))
#define VS__FITS(m, v)      (((uint64_t)VS__CONST_OR(v, 0) & ~VS_FIELD_MAX(VS__CONST_OR(m, ~UINT64_C(0)))) == 0)
#define VS__FITS_OR_FAIL(m, v) \
	(0 * sizeof(struct { _Static_assert(VS__FITS(m, v), "VS_FIELD_PREP: constant too wide for its field"); \
			     char vs_c; }))
/* Replace field m of *w by v (v is truncated to the field). */
#define VS_FIELD_SET(w, m, v) ((w) = ((w) & ~(uint64_t)(m)) | VS_FIELD_PREP(m, v))

/* ---- MMIO window -------------------------------------------------------- */
#define SMMU_MMIO_SIZE          0x20000u   /* page 0 + page 1 */
#define SMMU_PAGE1              0x10000u

#define SMMU_IDR0               0x000
#define SMMU_IDR1               0x004
#define SMMU_IDR2               0x008
#define SMMU_IDR3               0x00C
#define SMMU_IDR4               0x010
#define SMMU_IDR5               0x014
#define SMMU_IIDR               0x018
#define SMMU_AIDR               0x01C
#define SMMU_CR0                0x020
#define SMMU_CR0ACK             0x024
#define SMMU_CR1                0x028
#define SMMU_CR2                0x02C
#define SMMU_STATUSR            0x040
#define SMMU_GBPA               0x044
#define SMMU_AGBPA              0x048
#define SMMU_IRQ_CTRL           0x050
#define SMMU_IRQ_CTRLACK        0x054
#define SMMU_GERROR             0x060
#define SMMU_GERRORN            0x064
#define SMMU_GERROR_IRQ_CFG0    0x068   /* 64-bit */
#define SMMU_GERROR_IRQ_CFG1    0x070
#define SMMU_GERROR_IRQ_CFG2    0x074
#define SMMU_STRTAB_BASE        0x080   /* 64-bit */
#define SMMU_STRTAB_BASE_CFG    0x088
#define SMMU_CMDQ_BASE          0x090   /* 64-bit */
#define SMMU_CMDQ_PROD          0x098
#define SMMU_CMDQ_CONS          0x09C
#define SMMU_EVENTQ_BASE        0x0A0   /* 64-bit */
#define SMMU_EVENTQ_PROD_ALIAS  0x0A8   /* optional page-0 alias */
#define SMMU_EVENTQ_CONS_ALIAS  0x0AC
#define SMMU_EVENTQ_IRQ_CFG0    0x0B0   /* 64-bit */
#define SMMU_EVENTQ_IRQ_CFG1    0x0B8
#define SMMU_EVENTQ_IRQ_CFG2    0x0BC
#define SMMU_PRIQ_BASE          0x0C0   /* 64-bit */
#define SMMU_PRIQ_IRQ_CFG0      0x0D0
#define SMMU_PRIQ_IRQ_CFG1      0x0D8
#define SMMU_PRIQ_IRQ_CFG2      0x0DC
#define SMMU_EVENTQ_PROD        0x100A8
#define SMMU_EVENTQ_CONS        0x100AC
#define SMMU_PRIQ_PROD          0x100C8
#define SMMU_PRIQ_CONS          0x100CC

/* IDR0 */
#define IDR0_S2P                VS_BIT(0)
#define IDR0_S1P                VS_BIT(1)
#define IDR0_TTF                VS_GENMASK(3, 2)
#define   IDR0_TTF_AARCH32        1
#define   IDR0_TTF_AARCH64        2
#define   IDR0_TTF_BOTH           3
#define IDR0_COHACC             VS_BIT(4)
#define IDR0_BTM                VS_BIT(5)
#define IDR0_HTTU               VS_GENMASK(7, 6)
#define IDR0_DORMHINT           VS_BIT(8)
#define IDR0_HYP                VS_BIT(9)
#define IDR0_ATS                VS_BIT(10)
#define IDR0_NS1ATS             VS_BIT(11)
#define IDR0_ASID16             VS_BIT(12)
#define IDR0_MSI                VS_BIT(13)
#define IDR0_SEV                VS_BIT(14)
#define IDR0_ATOS               VS_BIT(15)
#define IDR0_PRI                VS_BIT(16)
#define IDR0_VMW                VS_BIT(17)
#define IDR0_VMID16             VS_BIT(18)
#define IDR0_CD2L               VS_BIT(19)
#define IDR0_VATOS              VS_BIT(20)
#define IDR0_TTENDIAN           VS_GENMASK(22, 21)
#define   IDR0_TTENDIAN_MIXED     0
#define   IDR0_TTENDIAN_LE        2
#define   IDR0_TTENDIAN_BE        3
#define IDR0_ATSRECERR          VS_BIT(23)
#define IDR0_STALL_MODEL        VS_GENMASK(25, 24)
#define   IDR0_STALL_MODEL_STALL  0
#define   IDR0_STALL_MODEL_NONE   1
#define   IDR0_STALL_MODEL_FORCE  2
#define IDR0_TERM_MODEL         VS_BIT(26)
#define IDR0_ST_LEVEL           VS_GENMASK(28, 27)
#define   IDR0_ST_LEVEL_LINEAR    0
#define   IDR0_ST_LEVEL_2LVL      1
#define IDR0_RME_IMPL           VS_BIT(30)

/* IDR1 */
#define IDR1_SIDSIZE            VS_GENMASK(5, 0)
#define IDR1_SSIDSIZE           VS_GENMASK(10, 6)
#define IDR1_PRIQS              VS_GENMASK(15, 11)
#define IDR1_EVENTQS            VS_GENMASK(20, 16)
#define IDR1_CMDQS              VS_GENMASK(25, 21)
#define IDR1_ATTR_PERMS_OVR     VS_BIT(26)
#define IDR1_ATTR_TYPES_OVR     VS_BIT(27)
#define IDR1_REL                VS_BIT(28)
#define IDR1_QUEUES_PRESET      VS_BIT(29)
#define IDR1_TABLES_PRESET      VS_BIT(30)
#define IDR1_ECMDQ              VS_BIT(31)
#define SMMU_QUEUE_LOG2_MAX     19u
#define SMMU_SIDSIZE_MAX        32u
#define SMMU_SSIDSIZE_MAX       20u

/* IDR3 */
#define IDR3_HAD                VS_BIT(2)
#define IDR3_PBHA               VS_BIT(3)
#define IDR3_XNX                VS_BIT(4)
#define IDR3_PPS                VS_BIT(5)
#define IDR3_MPAM               VS_BIT(7)
#define IDR3_FWB                VS_BIT(8)
#define IDR3_STT                VS_BIT(9)
#define IDR3_RIL                VS_BIT(10)
#define IDR3_BBML               VS_GENMASK(12, 11)
#define IDR3_E0PD               VS_BIT(13)   /* SMMUv3.3 */
#define IDR3_PTWNNC             VS_BIT(14)   /* SMMUv3.3 */
#define IDR3_DPT                VS_BIT(15)   /* SMMUv3.3 */
#define IDR3_PASIDTT            VS_BIT(16)   /* SMMUv3.4 */
#define IDR3_EPAN               VS_BIT(17)   /* SMMUv3.4 */
#define IDR3_S1PI               VS_BIT(18)   /* SMMUv3.4 */
#define IDR3_S2PI               VS_BIT(19)   /* SMMUv3.4 */
#define IDR3_S2PO               VS_BIT(20)   /* SMMUv3.4 */
#define IDR3_THE                VS_BIT(21)   /* SMMUv3.4 */
#define IDR3_MTEPERM            VS_BIT(22)   /* SMMUv3.4 */
#define IDR3_AIE                VS_BIT(23)   /* SMMUv3.4 */

/* IDR5 */
#define IDR5_OAS                VS_GENMASK(2, 0)
#define   IDR5_OAS_32             0
#define   IDR5_OAS_36             1
#define   IDR5_OAS_40             2
#define   IDR5_OAS_42             3
#define   IDR5_OAS_44             4
#define   IDR5_OAS_48             5
#define   IDR5_OAS_52             6
#define IDR5_GRAN4K             VS_BIT(4)
#define IDR5_GRAN16K            VS_BIT(5)
#define IDR5_GRAN64K            VS_BIT(6)
#define IDR5_DS                 VS_BIT(7)
#define IDR5_VAX                VS_GENMASK(11, 10)
#define IDR5_STALL_MAX          VS_GENMASK(31, 16)

/* IIDR / AIDR */
#define IIDR_IMPLEMENTER        VS_GENMASK(11, 0)
#define IIDR_REVISION           VS_GENMASK(15, 12)
#define IIDR_VARIANT            VS_GENMASK(19, 16)
#define IIDR_PRODUCTID          VS_GENMASK(31, 20)
#define AIDR_ARCH_MINOR         VS_GENMASK(3, 0)
#define AIDR_ARCH_MAJOR         VS_GENMASK(7, 4)

/* CR0 / CR0ACK */
#define CR0_SMMUEN              VS_BIT(0)
#define CR0_PRIQEN              VS_BIT(1)
#define CR0_EVENTQEN            VS_BIT(2)
#define CR0_CMDQEN              VS_BIT(3)
#define CR0_ATSCHK              VS_BIT(4)
#define CR0_VMW                 VS_GENMASK(8, 6)
#define CR0_DPT_WALK_EN         VS_BIT(10)

/* CR1 */
#define CR1_QUEUE_IC            VS_GENMASK(1, 0)
#define CR1_QUEUE_OC            VS_GENMASK(3, 2)
#define CR1_QUEUE_SH            VS_GENMASK(5, 4)
#define CR1_TABLE_IC            VS_GENMASK(7, 6)
#define CR1_TABLE_OC            VS_GENMASK(9, 8)
#define CR1_TABLE_SH            VS_GENMASK(11, 10)

/* CR2 */
#define CR2_E2H                 VS_BIT(0)
#define CR2_RECINVSID           VS_BIT(1)
#define CR2_PTM                 VS_BIT(2)
#define CR2_REC_CFG_ATS         VS_BIT(3)

/* STATUSR */
#define STATUSR_DORMANT         VS_BIT(0)

/* GBPA */
#define GBPA_MEMATTR            VS_GENMASK(3, 0)
#define GBPA_MTCFG              VS_BIT(4)
#define GBPA_ALLOCCFG           VS_GENMASK(11, 8)
#define GBPA_SHCFG              VS_GENMASK(13, 12)
#define GBPA_PRIVCFG            VS_GENMASK(17, 16)
#define GBPA_INSTCFG            VS_GENMASK(19, 18)
#define GBPA_ABORT              VS_BIT(20)
#define GBPA_UPDATE             VS_BIT(31)

/* IRQ_CTRL / IRQ_CTRLACK */
#define IRQ_CTRL_GERROR_IRQEN   VS_BIT(0)
#define IRQ_CTRL_PRIQ_IRQEN     VS_BIT(1)
#define IRQ_CTRL_EVENTQ_IRQEN   VS_BIT(2)

/* GERROR / GERRORN */
#define GERROR_CMDQ_ERR         VS_BIT(0)
#define GERROR_EVENTQ_ABT_ERR   VS_BIT(2)
#define GERROR_PRIQ_ABT_ERR     VS_BIT(3)
#define GERROR_MSI_CMDQ_ABT_ERR VS_BIT(4)
#define GERROR_MSI_EVENTQ_ABT_ERR VS_BIT(5)
#define GERROR_MSI_PRIQ_ABT_ERR VS_BIT(6)
#define GERROR_MSI_GERROR_ABT_ERR VS_BIT(7)
#define GERROR_SFM_ERR          VS_BIT(8)
#define GERROR_CMDQP_ERR        VS_BIT(9)
#define GERROR_DPT_ERR          VS_BIT(10)
#define GERROR_ERR_MASK         (VS_GENMASK(10, 2) | GERROR_CMDQ_ERR)

/* *_IRQ_CFG0/1/2 */
#define IRQ_CFG0_ADDR           VS_GENMASK(55, 2)
#define IRQ_CFG1_DATA           VS_GENMASK(31, 0)
#define IRQ_CFG2_MEMATTR        VS_GENMASK(3, 0)
#define IRQ_CFG2_SH             VS_GENMASK(5, 4)
#define PRIQ_IRQ_CFG2_LO        VS_BIT(31)

/* STRTAB_BASE / STRTAB_BASE_CFG */
#define STRTAB_BASE_ADDR        VS_GENMASK(55, 6)
#define STRTAB_BASE_RA          VS_BIT(62)
#define STRTAB_BASE_CFG_LOG2SIZE VS_GENMASK(5, 0)
#define STRTAB_BASE_CFG_SPLIT   VS_GENMASK(10, 6)
#define STRTAB_BASE_CFG_FMT     VS_GENMASK(17, 16)
#define   STRTAB_FMT_LINEAR       0
#define   STRTAB_FMT_2LVL         1

/* Queue BASE registers (CMDQ, EVENTQ, PRIQ) */
#define Q_BASE_LOG2SIZE         VS_GENMASK(4, 0)
#define Q_BASE_ADDR             VS_GENMASK(55, 5)
#define Q_BASE_RWA              VS_BIT(62)

/* Queue index registers. The index/wrap split depends on LOG2SIZE (QS):
 * index = bits [QS-1:0], wrap = bit QS, all within Q_IDX_FIELD. */
#define Q_IDX_FIELD             VS_GENMASK(19, 0)
#define CMDQ_CONS_ERR           VS_GENMASK(30, 24)
#define EVENTQ_PROD_OVFLG       VS_BIT(31)
#define EVENTQ_CONS_OVACKFLG    VS_BIT(31)

/* ---- Stream table ------------------------------------------------------- */
#define STE_DWORDS              8u
#define STE_SIZE                64u
#define STE_SHIFT               6u

#define STE0_V                  VS_BIT(0)
#define STE0_CONFIG             VS_GENMASK(3, 1)
#define   STE_CONFIG_ABORT        0
#define   STE_CONFIG_BYPASS       4
#define   STE_CONFIG_S1_TRANS     5
#define   STE_CONFIG_S2_TRANS     6
#define   STE_CONFIG_NESTED       7
#define   STE_CONFIG_S1_EN        VS_BIT(0)   /* bits of the Config value */
#define   STE_CONFIG_S2_EN        VS_BIT(1)
#define   STE_CONFIG_TRANS        VS_BIT(2)
#define STE0_S1FMT              VS_GENMASK(5, 4)
#define   STE_S1FMT_LINEAR        0
#define   STE_S1FMT_2LVL_4K       1
#define   STE_S1FMT_2LVL_64K      2
#define STE0_S1CTXPTR           VS_GENMASK(55, 6)
#define STE0_RES0               VS_GENMASK(58, 56)
#define STE0_S1CDMAX            VS_GENMASK(63, 59)

#define STE1_S1DSS              VS_GENMASK(1, 0)
#define   STE_S1DSS_TERMINATE     0
#define   STE_S1DSS_BYPASS        1
#define   STE_S1DSS_SSID0         2
#define STE1_S1CIR              VS_GENMASK(3, 2)
#define STE1_S1COR              VS_GENMASK(5, 4)
#define STE1_S1CSH              VS_GENMASK(7, 6)
#define STE1_S2HWU              VS_GENMASK(11, 8)
#define STE1_DRE                VS_BIT(12)
#define STE1_CONT               VS_GENMASK(16, 13)
#define STE1_DCP                VS_BIT(17)
#define STE1_PPAR               VS_BIT(18)
#define STE1_MEV                VS_BIT(19)
#define STE1_SW_RESERVED        VS_GENMASK(23, 20)
#define STE1_S1PIE              VS_BIT(24)
#define STE1_S2FWB              VS_BIT(25)
#define STE1_S1MPAM             VS_BIT(26)
#define STE1_S1STALLD           VS_BIT(27)
#define STE1_EATS               VS_GENMASK(29, 28)
#define STE1_STRW               VS_GENMASK(31, 30)
#define STE1_MEMATTR            VS_GENMASK(35, 32)
#define STE1_MTCFG              VS_BIT(36)
#define STE1_ALLOCCFG           VS_GENMASK(40, 37)
#define STE1_RES0               VS_GENMASK(43, 41)
#define STE1_SHCFG              VS_GENMASK(45, 44)
#define   STE_SHCFG_INCOMING      1
#define STE1_NSCFG              VS_GENMASK(47, 46)
#define STE1_PRIVCFG            VS_GENMASK(49, 48)
#define STE1_INSTCFG            VS_GENMASK(51, 50)
#define STE1_IMPDEF             VS_GENMASK(63, 52)

#define STE2_S2VMID             VS_GENMASK(15, 0)
#define STE2_IMPDEF             VS_GENMASK(31, 16)
#define STE2_S2T0SZ             VS_GENMASK(37, 32)
#define STE2_S2SL0              VS_GENMASK(39, 38)
#define STE2_S2IR0              VS_GENMASK(41, 40)
#define STE2_S2OR0              VS_GENMASK(43, 42)
#define STE2_S2SH0              VS_GENMASK(45, 44)
#define STE2_S2TG               VS_GENMASK(47, 46)
#define   STE_S2TG_4K             0
#define   STE_S2TG_64K            1
#define   STE_S2TG_16K            2
#define STE2_S2PS               VS_GENMASK(50, 48)
#define STE2_S2AA64             VS_BIT(51)
#define STE2_S2ENDI             VS_BIT(52)
#define STE2_S2AFFD             VS_BIT(53)
#define STE2_S2PTW              VS_BIT(54)
#define STE2_S2HD               VS_BIT(55)
#define STE2_S2HA               VS_BIT(56)
#define STE2_S2S                VS_BIT(57)
#define STE2_S2R                VS_BIT(58)
#define STE2_S2HAFT             VS_BIT(59)
#define STE2_S2PIE              VS_BIT(60)
#define STE2_S2POE              VS_BIT(61)
#define STE2_DPT_VMATCH         VS_GENMASK(63, 62)
/* Every dw2 bit that belongs to the hypervisor's stage 2 (all but IMPDEF). */
#define STE2_S2_FIELDS          (~STE2_IMPDEF)

#define STE3_S2SL0_2            VS_BIT(2)
#define STE3_S2DS               VS_BIT(3)
#define STE3_S2TTB              VS_GENMASK(55, 4)
#define STE3_S2SKL              VS_GENMASK(62, 61)

/* Level-1 stream table descriptor */
#define L1STD_SIZE              8u
#define L1STD_SPAN              VS_GENMASK(4, 0)
#define L1STD_L2PTR             VS_GENMASK(55, 6)
#define L1STD_SPAN_MAX          11u

/* ---- Context descriptor ------------------------------------------------- */
#define CD_DWORDS               8u
#define CD_SIZE                 64u
#define CD_SHIFT                6u

#define CD0_T0SZ                VS_GENMASK(5, 0)
#define CD0_TG0                 VS_GENMASK(7, 6)
#define   CD_TG0_4K               0
#define   CD_TG0_64K              1
#define   CD_TG0_16K              2
#define CD0_IR0                 VS_GENMASK(9, 8)
#define CD0_OR0                 VS_GENMASK(11, 10)
#define CD0_SH0                 VS_GENMASK(13, 12)
#define CD0_EPD0                VS_BIT(14)
#define CD0_ENDI                VS_BIT(15)
#define CD0_T1SZ                VS_GENMASK(21, 16)
#define CD0_TG1                 VS_GENMASK(23, 22)
#define   CD_TG1_16K              1
#define   CD_TG1_4K               2
#define   CD_TG1_64K              3
#define CD0_IR1                 VS_GENMASK(25, 24)
#define CD0_OR1                 VS_GENMASK(27, 26)
#define CD0_SH1                 VS_GENMASK(29, 28)
#define CD0_EPD1                VS_BIT(30)
#define CD0_V                   VS_BIT(31)
#define CD0_IPS                 VS_GENMASK(34, 32)
#define CD0_AFFD                VS_BIT(35)
#define CD0_WXN                 VS_BIT(36)
#define CD0_UWXN                VS_BIT(37)
#define CD0_TBI0                VS_BIT(38)
#define CD0_TBI1                VS_BIT(39)
#define CD0_PAN                 VS_BIT(40)
#define CD0_AA64                VS_BIT(41)
#define CD0_HD                  VS_BIT(42)
#define CD0_HA                  VS_BIT(43)
#define CD0_S                   VS_BIT(44)
#define CD0_R                   VS_BIT(45)
#define CD0_A                   VS_BIT(46)
#define CD0_ASET                VS_BIT(47)
#define CD0_ASID                VS_GENMASK(63, 48)
#define CD1_TTB0                VS_GENMASK(55, 4)
#define CD1_HAD0                VS_BIT(1)      /* CD bit 65, with IDR3.HAD */
#define CD2_TTB1                VS_GENMASK(55, 4)
#define CD2_HAD1                VS_BIT(1)      /* CD bit 129, with IDR3.HAD */
#define CD3_MAIR0               VS_GENMASK(31, 0)
#define CD3_MAIR1               VS_GENMASK(63, 32)

/* Level-1 context descriptor */
#define L1CD_SIZE               8u
#define L1CD_V                  VS_BIT(0)
#define L1CD_L2PTR              VS_GENMASK(55, 12)

/* ---- Command queue ------------------------------------------------------ */
#define CMD_DWORDS              2u
#define CMD_SIZE                16u
#define CMD_SHIFT               4u

#define CMD_OP_PREFETCH_CONFIG  0x01
#define CMD_OP_PREFETCH_ADDR    0x02
#define CMD_OP_CFGI_STE         0x03
#define CMD_OP_CFGI_STE_RANGE   0x04  /* CFGI_ALL = this with Range 31 */
#define CMD_OP_CFGI_CD          0x05
#define CMD_OP_CFGI_CD_ALL      0x06
#define CMD_OP_CFGI_VMS_PIDM    0x07
#define CMD_OP_TLBI_NH_ALL      0x10
#define CMD_OP_TLBI_NH_ASID     0x11
#define CMD_OP_TLBI_NH_VA       0x12
#define CMD_OP_TLBI_NH_VAA      0x13
#define CMD_OP_TLBI_EL3_ALL     0x18
#define CMD_OP_TLBI_EL3_VA      0x1A
#define CMD_OP_TLBI_EL2_ALL     0x20
#define CMD_OP_TLBI_EL2_ASID    0x21
#define CMD_OP_TLBI_EL2_VA      0x22
#define CMD_OP_TLBI_EL2_VAA     0x23
#define CMD_OP_TLBI_S12_VMALL   0x28
#define CMD_OP_TLBI_S2_IPA      0x2A
#define CMD_OP_TLBI_NSNH_ALL    0x30
#define CMD_OP_ATC_INV          0x40
#define CMD_OP_PRI_RESP         0x41
#define CMD_OP_RESUME           0x44
#define CMD_OP_STALL_TERM       0x45
#define CMD_OP_SYNC             0x46
#define CMD_CFGI_RANGE_ALL      31u

#define CMD0_OP                 VS_GENMASK(7, 0)
#define CMD0_GLOBAL             VS_BIT(9)    /* ATC_INV (unverified, LNX only) */
#define CMD0_SSEC               VS_BIT(10)   /* (unverified, QEMU only) */
#define CMD0_SSV                VS_BIT(11)
#define CMD0_SSID               VS_GENMASK(31, 12)
#define CMD0_SID                VS_GENMASK(63, 32)
#define CMD0_NUM                VS_GENMASK(16, 12)
#define CMD0_SCALE              VS_GENMASK(24, 20)
#define CMD0_VMID               VS_GENMASK(47, 32)
#define CMD0_ASID               VS_GENMASK(63, 48)
#define CMD0_RESUME_AC          VS_BIT(12)
#define CMD0_RESUME_AB          VS_BIT(13)
#define CMD0_SYNC_CS            VS_GENMASK(13, 12)
#define   CMD_SYNC_CS_NONE        0
#define   CMD_SYNC_CS_IRQ         1
#define   CMD_SYNC_CS_SEV         2
#define CMD0_SYNC_MSH           VS_GENMASK(23, 22)
#define CMD0_SYNC_MSIATTR       VS_GENMASK(27, 24)
#define CMD0_SYNC_MSIDATA       VS_GENMASK(63, 32)

#define CMD1_LEAF               VS_BIT(0)
#define CMD1_RANGE              VS_GENMASK(4, 0)
#define CMD1_TTL128             VS_BIT(7)
#define CMD1_TTL                VS_GENMASK(9, 8)
#define CMD1_TG                 VS_GENMASK(11, 10)
#define   CMD_TG_NONE             0u     /* no range, no TTL hint */
#define   CMD_TG_4K               1u
#define   CMD_TG_16K              2u
#define   CMD_TG_64K              3u
#define CMD1_ADDR               VS_GENMASK(63, 12)
#define CMD1_IPA                VS_GENMASK(55, 12)
#define CMD1_PREFETCH_SIZE      VS_GENMASK(4, 0)
#define CMD1_ATC_SIZE           VS_GENMASK(5, 0)
#define CMD1_PRI_PRGINDEX       VS_GENMASK(8, 0)
#define CMD1_PRI_RESP           VS_GENMASK(13, 12)
#define CMD1_RESUME_STAG        VS_GENMASK(15, 0)
#define CMD1_SYNC_MSIADDR       VS_GENMASK(55, 2)

/* Command errors (CMDQ_CONS.ERR) */
#define CERROR_NONE             0x00
#define CERROR_ILL              0x01
#define CERROR_ABT              0x02
#define CERROR_ATC_INV_SYNC     0x03

/* ---- Event queue -------------------------------------------------------- */
#define EVT_DWORDS              4u
#define EVT_SIZE                32u
#define EVT_SHIFT               5u

#define EVT_ID_F_UUT            0x01
#define EVT_ID_C_BAD_STREAMID   0x02
#define EVT_ID_F_STE_FETCH      0x03
#define EVT_ID_C_BAD_STE        0x04
#define EVT_ID_F_BAD_ATS_TREQ   0x05
#define EVT_ID_F_STREAM_DISABLED 0x06
#define EVT_ID_F_TRANSL_FORBIDDEN 0x07
#define EVT_ID_C_BAD_SUBSTREAMID 0x08
#define EVT_ID_F_CD_FETCH       0x09
#define EVT_ID_C_BAD_CD         0x0A
#define EVT_ID_F_WALK_EABT      0x0B
#define EVT_ID_F_TRANSLATION    0x10
#define EVT_ID_F_ADDR_SIZE      0x11
#define EVT_ID_F_ACCESS         0x12
#define EVT_ID_F_PERMISSION     0x13
#define EVT_ID_F_TLB_CONFLICT   0x20
#define EVT_ID_F_CFG_CONFLICT   0x21
#define EVT_ID_E_PAGE_REQUEST   0x24
#define EVT_ID_F_VMS_FETCH      0x25

#define EVT0_ID                 VS_GENMASK(7, 0)
#define EVT0_SSV                VS_BIT(11)
#define EVT0_SSID               VS_GENMASK(31, 12)
#define EVT0_SID                VS_GENMASK(63, 32)
#define EVT1_STAG               VS_GENMASK(15, 0)
#define EVT1_STALL              VS_BIT(31)
#define EVT1_PNU                VS_BIT(33)
#define EVT1_IND                VS_BIT(34)
#define EVT1_RNW                VS_BIT(35)
#define EVT1_S2                 VS_BIT(39)
#define EVT1_CLASS              VS_GENMASK(41, 40)
#define   EVT_CLASS_CD            0
#define   EVT_CLASS_TT            1
#define   EVT_CLASS_IN            2
#define EVT1_TTRNW              VS_BIT(44)
#define EVT2_INPUT_ADDR         VS_GENMASK(63, 0)
#define EVT3_IPA                VS_GENMASK(51, 12)
#define EVT3_FETCH_ADDR         VS_GENMASK(55, 3)

#endif /* VSMMU_SMMUV3_REGS_H */
