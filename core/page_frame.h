#pragma once
// The frame every printed page shares, whatever the survey: the registration marks, the QR code's
// place and the printed form code's place. The layout engine (core/layout.h) puts every page's
// content inside it; the scanner finds a page by it when the QR code cannot be read.

#include "core/layout.h"

namespace phieu {

// The frame for pages laid out with `options`: no bubbles, no text.
LayoutPage PageFrame(const LayoutOptions& options = {});

}  // namespace phieu
