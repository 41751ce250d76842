// Linked into the static jsvm executable only (CMakeLists.txt, JSVM_STATIC).
// libuv refers to getpwuid_r from uv_os_get_passwd, which jsvm never calls;
// in a static link glibc warns that the function needs its shared NSS
// libraries at run time. `-Wl,--wrap=getpwuid_r` sends libuv's reference
// here instead: user database lookups are not available in this binary.
// ICU's putil refers to dlopen (to load ICU plugins, which jsvm never does);
// `-Wl,--wrap=dlopen` sends it to a version that loads nothing.
#include <cerrno>
#include <pwd.h>

extern "C" int __wrap_getpwuid_r(uid_t, struct passwd*, char*, size_t, struct passwd** result) {
  if (result) *result = nullptr;
  return ENOSYS;
}

extern "C" void* __wrap_dlopen(const char*, int) { return nullptr; }
