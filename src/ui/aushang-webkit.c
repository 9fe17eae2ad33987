/* aushang-webkit.c
 *
 * Copyright 2026 The Aushang authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aushang-webkit"

#include "config.h"

#include <gmodule.h>

#define AUSHANG_WEBKIT_NO_REDIRECT
#include "aushang-webkit.h"

/* The library of the WebKitGTK 6.0 API (its soname since WebKitGTK 2.40). */
#define WEBKIT_LIBRARY "libwebkitgtk-6.0.so.4"

const AushangWebKit *
aushang_webkit (void)
{
  static AushangWebKit table;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      GModule *module = g_module_open (WEBKIT_LIBRARY, G_MODULE_BIND_LAZY);

      /* Installed with the program (a dependency of its package): without
       * it the program could not have started before. */
      if (module == NULL)
        g_error ("%s", g_module_error ());
      g_module_make_resident (module);

#define AUSHANG_WEBKIT_LOOKUP(name) \
      if (!g_module_symbol (module, #name, (gpointer *) &table.name)) \
        g_error ("%s", g_module_error ());
      AUSHANG_WEBKIT_FUNCTIONS (AUSHANG_WEBKIT_LOOKUP)
#undef AUSHANG_WEBKIT_LOOKUP

      g_once_init_leave (&loaded, 1);
    }

  return &table;
}
