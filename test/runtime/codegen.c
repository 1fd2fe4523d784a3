// What each barrier and ordered access of <atomics-tidy/atomic.h> compiles
// to, per architecture: the instruction that must be there, and no fence
// where none is needed (CHECK-NOT between a function's label and its return).
// Freestanding, so that no target sysroot is needed.
//
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=x86_64-linux-gnu | FileCheck %s --check-prefix=X86
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=i686-linux-gnu | FileCheck %s --check-prefix=I686
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=aarch64-linux-gnu | FileCheck %s --check-prefixes=A64,A64-LLSC
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=aarch64-linux-gnu -march=armv8.1-a | FileCheck %s --check-prefixes=A64,A64-LSE
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=armv7-linux-gnueabihf -march=armv7-a | FileCheck %s --check-prefix=ARM
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=powerpc64le-linux-gnu | FileCheck %s --check-prefix=PPC
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=riscv64-linux-gnu -march=rv64gc | FileCheck %s --check-prefix=RV
// RUN: %clang -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s --target=s390x-linux-gnu | FileCheck %s --check-prefix=S390
// GCC (the host's, x86_64) must make the same choices as Clang there.
// RUN: gcc -O2 -S -o - -Wall -Wextra -Werror -ffreestanding -I%S/../../lib/include %s | FileCheck %s --check-prefix=X86
//
// Summary of what the checks below require ("-": no barrier instruction):
//
//              x86_64       aarch64           armv7          ppc64le          riscv64          s390x
// smp_mb       mfence|lock  dmb ish           dmb ish        sync             fence rw,rw      bcr 14|15
// smp_rmb      -            dmb ishld         dmb ish        lwsync           fence r,rw       -
// smp_wmb      -            dmb ish           dmb ish        lwsync           fence rw,w       -
// after_rmw    -            dmb ish           dmb ish        sync             fence rw,rw      -
// set_mb       xchg         stlr; dmb ish     dmb;str;dmb    lwsync;stw;sync  fence;sw;fence   cs loop
// load_acq     mov          ldar              ldr; dmb       lwz;..;isync     lw; fence r,rw   -
// store_rel    mov          stlr              dmb; str       lwsync; stw      fence rw,w; sw   -
// fetch_add    lock xadd    ldaxr/stlxr loop  dmb;ldrex/     sync;lwarx/      amoadd.w.aqrl    laa
//                           or ldaddal (LSE)  strex;dmb      stwcx.;lwsync

#include <atomics-tidy/atomic.h>

int x, y;
int64_t wide;
struct node {
  int v;
} *head;

// X86-LABEL: {{^}}test_smp_mb:
// X86: {{mfence|lock[[:space:]]+or}}
// X86: ret
// I686-LABEL: {{^}}test_smp_mb:
// I686: {{mfence|lock[[:space:]]+or}}
// I686: ret
// A64-LABEL: {{^}}test_smp_mb:
// A64: dmb{{[[:space:]]+}}ish{{$}}
// A64: ret
// ARM-LABEL: {{^}}test_smp_mb:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: bx lr
// PPC-LABEL: {{^}}test_smp_mb:
// PPC: {{^[[:space:]]*}}sync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_smp_mb:
// RV: fence rw, rw
// RV: ret
// S390-LABEL: {{^}}test_smp_mb:
// S390: bcr {{1[45]}}, %r0
// S390: br %r14
void test_smp_mb(void) { smp_mb(); }

// X86-LABEL: {{^}}test_smp_rmb:
// X86-NOT: {{mfence|lfence|sfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_smp_rmb:
// A64: dmb{{[[:space:]]+}}ishld{{$}}
// A64: ret
// ARM-LABEL: {{^}}test_smp_rmb:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: bx lr
// PPC-LABEL: {{^}}test_smp_rmb:
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_smp_rmb:
// RV: fence r, rw
// RV: ret
// S390-LABEL: {{^}}test_smp_rmb:
// S390-NOT: bcr
// S390: br %r14
void test_smp_rmb(void) { smp_rmb(); }

// X86-LABEL: {{^}}test_smp_wmb:
// X86-NOT: {{mfence|lfence|sfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_smp_wmb:
// A64: dmb{{[[:space:]]+}}ish{{$}}
// A64: ret
// ARM-LABEL: {{^}}test_smp_wmb:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: bx lr
// PPC-LABEL: {{^}}test_smp_wmb:
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_smp_wmb:
// RV: fence rw, w
// RV: ret
// S390-LABEL: {{^}}test_smp_wmb:
// S390-NOT: bcr
// S390: br %r14
void test_smp_wmb(void) { smp_wmb(); }

// X86-LABEL: {{^}}test_smp_mb_acquire:
// X86-NOT: {{mfence|lfence|sfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_smp_mb_acquire:
// A64: dmb{{[[:space:]]+}}ishld{{$}}
// A64: ret
// PPC-LABEL: {{^}}test_smp_mb_acquire:
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_smp_mb_acquire:
// RV: fence r, rw
// RV: ret
void test_smp_mb_acquire(void) { smp_mb_acquire(); }

// X86-LABEL: {{^}}test_smp_mb_release:
// X86-NOT: {{mfence|lfence|sfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_smp_mb_release:
// A64: dmb{{[[:space:]]+}}ish{{$}}
// A64: ret
// PPC-LABEL: {{^}}test_smp_mb_release:
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_smp_mb_release:
// RV: fence rw, w
// RV: ret
void test_smp_mb_release(void) { smp_mb_release(); }

// A compiler barrier everywhere here (only Alpha needs a fence).
// X86-LABEL: {{^}}test_smp_read_barrier_depends:
// X86-NOT: {{mfence|lfence|sfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_smp_read_barrier_depends:
// A64-NOT: {{dmb|dsb|isb}}
// A64: ret
// ARM-LABEL: {{^}}test_smp_read_barrier_depends:
// ARM-NOT: dmb
// ARM: bx lr
// PPC-LABEL: {{^}}test_smp_read_barrier_depends:
// PPC-NOT: sync
// PPC: blr
// RV-LABEL: {{^}}test_smp_read_barrier_depends:
// RV-NOT: fence
// RV: ret
// S390-LABEL: {{^}}test_smp_read_barrier_depends:
// S390-NOT: bcr
// S390: br %r14
void test_smp_read_barrier_depends(void) { smp_read_barrier_depends(); }

// Compiler barriers only where a seq-cst RMW is already a full barrier
// (x86, s390x); a full fence elsewhere.
// X86-LABEL: {{^}}test_smp_mb__before_rmw:
// X86-NOT: {{mfence|lfence|sfence|lock|xchg}}
// X86: ret
// I686-LABEL: {{^}}test_smp_mb__before_rmw:
// I686-NOT: {{mfence|lfence|sfence|lock|xchg}}
// I686: ret
// A64-LABEL: {{^}}test_smp_mb__before_rmw:
// A64: dmb{{[[:space:]]+}}ish{{$}}
// A64: ret
// ARM-LABEL: {{^}}test_smp_mb__before_rmw:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: bx lr
// PPC-LABEL: {{^}}test_smp_mb__before_rmw:
// PPC: {{^[[:space:]]*}}sync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_smp_mb__before_rmw:
// RV: fence rw, rw
// RV: ret
// S390-LABEL: {{^}}test_smp_mb__before_rmw:
// S390-NOT: bcr
// S390: br %r14
void test_smp_mb__before_rmw(void) { smp_mb__before_rmw(); }

// X86-LABEL: {{^}}test_smp_mb__after_rmw:
// X86-NOT: {{mfence|lfence|sfence|lock|xchg}}
// X86: ret
// I686-LABEL: {{^}}test_smp_mb__after_rmw:
// I686-NOT: {{mfence|lfence|sfence|lock|xchg}}
// I686: ret
// A64-LABEL: {{^}}test_smp_mb__after_rmw:
// A64: dmb{{[[:space:]]+}}ish{{$}}
// A64: ret
// ARM-LABEL: {{^}}test_smp_mb__after_rmw:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: bx lr
// PPC-LABEL: {{^}}test_smp_mb__after_rmw:
// PPC: {{^[[:space:]]*}}sync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_smp_mb__after_rmw:
// RV: fence rw, rw
// RV: ret
// S390-LABEL: {{^}}test_smp_mb__after_rmw:
// S390-NOT: bcr
// S390: br %r14
void test_smp_mb__after_rmw(void) { smp_mb__after_rmw(); }

// x86 and s390x: one exchange, no separate fence. Elsewhere: store-release
// then a full fence.
// X86-LABEL: {{^}}test_qatomic_set_mb:
// X86-NOT: {{mfence|lock}}
// X86: xchgl {{.*}}x(%rip)
// X86-NOT: {{mfence|lock}}
// X86: ret
// I686-LABEL: {{^}}test_qatomic_set_mb:
// I686-NOT: {{mfence|lock}}
// I686: xchgl {{.*}}x@GOTOFF
// I686-NOT: {{mfence|lock}}
// I686: ret
// A64-LABEL: {{^}}test_qatomic_set_mb:
// A64: stlr
// A64: dmb{{[[:space:]]+}}ish{{$}}
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_set_mb:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: str
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_set_mb:
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: stw
// PPC: {{^[[:space:]]*}}sync{{$}}
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_set_mb:
// RV: fence rw, w
// RV: sw
// RV: fence rw, rw
// RV: ret
// S390-LABEL: {{^}}test_qatomic_set_mb:
// S390-NOT: bcr
// S390: cs {{.*}}
// S390-NOT: bcr
// S390: br %r14
void test_qatomic_set_mb(void) { qatomic_set_mb(&x, 1); }

// Relaxed: a plain load, nothing else.
// X86-LABEL: {{^}}test_qatomic_read:
// X86-NOT: {{mfence|lock|xchg}}
// X86: movl x(%rip), %eax
// X86-NOT: {{mfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_qatomic_read:
// A64-NOT: {{dmb|ldar}}
// A64: ldr w0
// A64-NOT: dmb
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_read:
// ARM-NOT: dmb
// ARM: ldr
// ARM-NOT: dmb
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_read:
// PPC-NOT: sync
// PPC: {{lwa|lwz}}
// PPC-NOT: sync
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_read:
// RV-NOT: fence
// RV: lw
// RV-NOT: fence
// RV: ret
// S390-LABEL: {{^}}test_qatomic_read:
// S390-NOT: bcr
// S390: br %r14
int test_qatomic_read(void) { return qatomic_read(&x); }

// X86-LABEL: {{^}}test_qatomic_load_acquire:
// X86-NOT: {{mfence|lock|xchg}}
// X86: movl x(%rip), %eax
// X86-NOT: {{mfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_qatomic_load_acquire:
// A64-NOT: dmb
// A64: ldar w0
// A64-NOT: dmb
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_load_acquire:
// ARM: ldr
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_load_acquire:
// PPC: lwz
// PPC: isync
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_load_acquire:
// RV: lw
// RV: fence r, rw
// RV: ret
// S390-LABEL: {{^}}test_qatomic_load_acquire:
// S390-NOT: bcr
// S390: br %r14
int test_qatomic_load_acquire(void) { return qatomic_load_acquire(&x); }

// X86-LABEL: {{^}}test_qatomic_store_release:
// X86-NOT: {{mfence|lock|xchg}}
// X86: movl $1, x(%rip)
// X86-NOT: {{mfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_qatomic_store_release:
// A64-NOT: dmb
// A64: stlr
// A64-NOT: dmb
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_store_release:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: str
// ARM-NOT: dmb
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_store_release:
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: stw
// PPC-NOT: sync
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_store_release:
// RV: fence rw, w
// RV: sw
// RV-NOT: fence
// RV: ret
// S390-LABEL: {{^}}test_qatomic_store_release:
// S390-NOT: bcr
// S390: br %r14
void test_qatomic_store_release(void) { qatomic_store_release(&x, 1); }

// RCU: a consume load (compilers make it an acquire load) before the
// dereference, a release store to publish.
// X86-LABEL: {{^}}test_qatomic_rcu_read:
// X86-NOT: {{mfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_qatomic_rcu_read:
// A64: ldar x8
// A64: ldr w0, [x8]
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_rcu_read:
// ARM: ldr r0, [r0]
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: ldr r0, [r0]
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_rcu_read:
// PPC: ld 3, head@toc@l
// PPC: isync
// PPC: lwa 3, 0(3)
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_rcu_read:
// RV: ld a0
// RV: fence r, rw
// RV: lw a0, 0(a0)
// RV: ret
// S390-LABEL: {{^}}test_qatomic_rcu_read:
// S390-NOT: bcr
// S390: br %r14
int test_qatomic_rcu_read(void) {
  struct node *n = qatomic_rcu_read(&head);
  return n->v;
}

// X86-LABEL: {{^}}test_qatomic_rcu_set:
// X86-NOT: {{mfence|lock|xchg}}
// X86: ret
// A64-LABEL: {{^}}test_qatomic_rcu_set:
// A64-NOT: dmb
// A64: stlr x0
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_rcu_set:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: str r0
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_rcu_set:
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: std 3
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_rcu_set:
// RV: fence rw, w
// RV: sd a0
// RV: ret
void test_qatomic_rcu_set(struct node *n) { qatomic_rcu_set(&head, n); }

// A sequentially consistent RMW.
// X86-LABEL: {{^}}test_qatomic_fetch_add:
// X86: lock{{[[:space:]]+}}xaddl
// X86-NOT: mfence
// X86: ret
// A64-LABEL: {{^}}test_qatomic_fetch_add:
// A64-LLSC: ldaxr
// A64-LLSC: stlxr
// A64-LSE: ldaddal
// A64-NOT: dmb
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_fetch_add:
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: ldrex
// ARM: strex
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM-NOT: dmb
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_fetch_add:
// PPC: {{^[[:space:]]*}}sync{{$}}
// PPC: lwarx
// PPC: stwcx.
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC-NOT: sync
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_fetch_add:
// RV-NOT: fence
// RV: amoadd.w.aqrl
// RV-NOT: fence
// RV: ret
// S390-LABEL: {{^}}test_qatomic_fetch_add:
// S390-NOT: bcr
// S390: laa
// S390-NOT: bcr
// S390: br %r14
int test_qatomic_fetch_add(void) { return qatomic_fetch_add(&x, 2); }

// The seed's example: RMW on x, then a relaxed read of y. The full fence
// must come between the RMW and the load of y, except on x86 and s390x,
// where the RMW instruction itself is the barrier.
// X86-LABEL: {{^}}test_fetch_add_after_rmw:
// X86: lock{{[[:space:]]+}}xaddl {{.*}}x(%rip)
// X86-NOT: {{mfence|lock}}
// X86: y(%rip)
// X86: ret
// A64-LABEL: {{^}}test_fetch_add_after_rmw:
// A64-LLSC: ldaxr
// A64-LLSC: stlxr
// A64-LSE: ldaddal
// A64: dmb{{[[:space:]]+}}ish{{$}}
// A64: ldr {{.*}}:lo12:y]
// A64: ret
// ARM-LABEL: {{^}}test_fetch_add_after_rmw:
// ARM: ldrex
// ARM: strex
// The RMW's own trailing dmb, then smp_mb__after_rmw()'s.
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: dmb{{[[:space:]]+}}ish{{$}}
// ARM: ldr r{{[0-9]+}}, [r{{[0-9]+}}]
// ARM: bx lr
// PPC-LABEL: {{^}}test_fetch_add_after_rmw:
// PPC: stwcx.
// PPC: {{^[[:space:]]*}}lwsync{{$}}
// PPC: {{^[[:space:]]*}}sync{{$}}
// PPC: lwz {{.*}}y@toc@l
// PPC: blr
// RV-LABEL: {{^}}test_fetch_add_after_rmw:
// RV: amoadd.w.aqrl
// RV: fence rw, rw
// RV: lw
// RV: ret
// S390-LABEL: {{^}}test_fetch_add_after_rmw:
// S390: laa
// S390-NOT: bcr
// S390: br %r14
int test_fetch_add_after_rmw(void) {
  int a = qatomic_fetch_add(&x, 2);
  smp_mb__after_rmw();
  return a + qatomic_read(&y);
}

// 64-bit accesses are lock-free on every host here, including the 32-bit
// ones: no call to libatomic.
// X86-LABEL: {{^}}test_qatomic_read_i64:
// X86: movq wide(%rip), %rax
// X86: ret
// I686-LABEL: {{^}}test_qatomic_read_i64:
// I686-NOT: __atomic
// I686: fildll wide
// I686-NOT: __atomic
// I686: ret
// A64-LABEL: {{^}}test_qatomic_read_i64:
// A64: ldr x0
// A64: ret
// ARM-LABEL: {{^}}test_qatomic_read_i64:
// ARM-NOT: __atomic
// ARM: ldrexd
// ARM-NOT: __atomic
// ARM: bx lr
// PPC-LABEL: {{^}}test_qatomic_read_i64:
// PPC: ld 3, wide@toc@l
// PPC: blr
// RV-LABEL: {{^}}test_qatomic_read_i64:
// RV: ld
// RV: ret
// S390-LABEL: {{^}}test_qatomic_read_i64:
// S390: lgrl %r2, wide
// S390: br %r14
int64_t test_qatomic_read_i64(void) { return qatomic_read_i64(&wide); }

// I686-LABEL: {{^}}test_qatomic_set_i64:
// I686-NOT: __atomic
// I686: fistpll wide
// I686-NOT: __atomic
// I686: ret
// ARM-LABEL: {{^}}test_qatomic_set_i64:
// ARM-NOT: __atomic
// ARM: ldrexd
// ARM: strexd
// ARM-NOT: __atomic
// ARM: pop
void test_qatomic_set_i64(void) { qatomic_set_i64(&wide, 1); }

// Through a pointer of unknown alignment: still inline on i386, where the
// header promises (and GCC assumes) an 8-byte aligned variable.
// I686-LABEL: {{^}}test_qatomic_read_i64_ptr:
// I686-NOT: __atomic
// I686: fildll (%eax)
// I686-NOT: __atomic
// I686: ret
// ARM-LABEL: {{^}}test_qatomic_read_i64_ptr:
// ARM: ldrexd r0, r1, [r0]
// ARM: bx lr
int64_t test_qatomic_read_i64_ptr(const int64_t *p) {
  return qatomic_read_i64(p);
}
