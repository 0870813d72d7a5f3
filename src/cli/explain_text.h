// The human-readable form of an explanation (cos-presign explain URL).
#pragma once

#include <string>

#include "cos_presign/explain.h"

namespace cli {

// `verify_hint`: what to set to verify, printed when no secret was given.
std::string explain_text(const cos_presign::Explanation& e, const std::string& verify_hint);

}  // namespace cli
