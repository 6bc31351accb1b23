#ifndef INFRAPLAN_CYAML_SHIM_H
#define INFRAPLAN_CYAML_SHIM_H

#include <yaml.h>

#endif
