// RUN: %check_atomics_tidy %s atomics-deprecated-mb %t
// Code bases that implement the API as functions get the same treatment:
// calls are fixed when the replacement function is declared before them.
int qatomic_mb_read(int *p);
void qatomic_mb_set(int *p, int v);
int atomic_mb_read(int *p);

int flag;

int before(void) {
  return qatomic_mb_read(&flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'qatomic_mb_read' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: no fix-it: 'qatomic_load_acquire' (load-acquire) is not defined before this use; define it or include a header that provides it
  // CHECK-FIXES: {{^}}  return qatomic_mb_read(&flag);{{$}}
}

int qatomic_load_acquire(int *p);
void qatomic_set_mb(int *p, int v);

int after(void) {
  qatomic_mb_set(&flag, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'qatomic_mb_set' is deprecated
  // CHECK-FIXES: {{^}}  qatomic_set_mb(&flag, 1);{{$}}
  return qatomic_mb_read(&flag) + atomic_mb_read(&flag);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'qatomic_mb_read' is deprecated
  // CHECK-MESSAGES: :[[@LINE-2]]:35: warning: 'atomic_mb_read' is deprecated
  // CHECK-MESSAGES: :[[@LINE-3]]:35: note: no fix-it: 'atomic_load_acquire' (load-acquire) is not defined before this use
  // CHECK-FIXES: {{^}}  return qatomic_load_acquire(&flag) + atomic_mb_read(&flag);{{$}}
}

int (*reader)(int *) = qatomic_mb_read;
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'qatomic_mb_read' is deprecated
