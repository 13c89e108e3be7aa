// Writing a fresh table through once before it is probed at random.
//
// A fresh page that is first *read* maps the kernel's shared zero page; the write that follows is a
// copy-on-write fault that must flush the TLB of every thread of the process, an inter-processor
// interrupt (a VM exit under KVM) that stalls the other worker thread too. Hash tables and
// per-group states are read before they are written (a probe, `sums[g] += x`), so each of their
// pages took that fault: a tenth of all CPU time with two worker threads (perf: do_wp_page →
// flush_tlb_mm_range). A sequential write first costs one plain fault per page instead.

type Table = Int32Array | Uint32Array | Float64Array | BigInt64Array | Uint8Array;

/** Tables smaller than this are left to fault lazily (a few pages; small tables come and go per batch). */
const PREFAULT_MIN_BYTES = 64 * 1024;

/** `a`, with elements `from`.. written (as zeros) so that its pages are mapped writable. */
export function prefaulted<T extends Table>(a: T, from = 0): T {
  if ((a.length - from) * a.BYTES_PER_ELEMENT < PREFAULT_MIN_BYTES) return a;
  if (a instanceof BigInt64Array) a.fill(0n, from);
  else (a as Exclude<Table, BigInt64Array>).fill(0, from);
  return a;
}
