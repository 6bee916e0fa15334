#include "server/demo_catalog.h"

// RANKER_DEMO_CATALOG_PATH is set by server/CMakeLists.txt, which also makes
// this file depend on the catalog so edits to it trigger a rebuild.
#ifndef RANKER_DEMO_CATALOG_PATH
#error "RANKER_DEMO_CATALOG_PATH must name deploy/demo/catalog.jsonl"
#endif

// .incbin embeds the file as-is: no generated source, no size limit, no
// string-literal escaping.
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global ranker_demo_catalog_begin\n"
    ".hidden ranker_demo_catalog_begin\n"
    ".global ranker_demo_catalog_end\n"
    ".hidden ranker_demo_catalog_end\n"
    "ranker_demo_catalog_begin:\n"
    ".incbin \"" RANKER_DEMO_CATALOG_PATH
    "\"\n"
    "ranker_demo_catalog_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const char ranker_demo_catalog_begin[];
extern "C" const char ranker_demo_catalog_end[];

namespace ranker {

absl::string_view DemoCatalogJsonl() {
  return absl::string_view(
      ranker_demo_catalog_begin,
      static_cast<size_t>(ranker_demo_catalog_end - ranker_demo_catalog_begin));
}

}  // namespace ranker
