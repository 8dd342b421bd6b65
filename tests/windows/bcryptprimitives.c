/* Test-only stand-in for Windows' bcryptprimitives.dll, which Debian's Wine 8 lacks and which
 * Rust's standard library (1.78 and later) loads for ProcessPrng. It forwards to RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. Built by tests/integration/windows.rs with
 * x86_64-w64-mingw32-gcc and placed beside vault-cli.exe in the test's temporary directory;
 * never shipped (deploy/windows/build-zip does not take it). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
