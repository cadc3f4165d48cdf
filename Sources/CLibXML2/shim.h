// libxml2's streaming writer and schema validator, for the JUnit reports.
//
// Debian builds libxml2 with ICU, and its headers then pull in ICU's, which clash with the copy
// of ICU inside Foundation on Linux. Nothing here touches the ICU-dependent fields (they sit in
// xmlCharEncodingHandler, used only through pointers), so ICU support is hidden from Swift.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
