// cos_presign: pre-signed Tencent Cloud COS and S3 SigV4 URLs, and the
// explanation of any such URL. C++17, no exceptions, errors as values
// (cos_presign/result.h). Link the CMake target cos_presign::cos_presign.
#pragma once

#include "cos_presign/cos.h"
#include "cos_presign/explain.h"
#include "cos_presign/result.h"
#include "cos_presign/sigv4.h"
