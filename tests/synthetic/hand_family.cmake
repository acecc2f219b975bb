# Family B of synthetic data (hand marks, real hand-made marks from real-marks/, scan families):
# independent of the generator the scanner's thresholds were calibrated on, to measure accuracy
# on data the scanner was not tuned on. Included from this folder's CMakeLists.txt; OpenCV is
# used only inside the .cc files.
add_library(phieu_hand_family hand_marks.cc real_marks.cc scan_families.cc)
target_link_libraries(phieu_hand_family PUBLIC phieu_synthetic phieu_core
                      PRIVATE phieu_scanner ${OpenCV_LIBS})
target_include_directories(phieu_hand_family PRIVATE ${OpenCV_INCLUDE_DIRS})
# Where the real marks are, for the test and the preview (benchmarks pass their own path).
set(PHIEU_REAL_MARKS_DIR "${CMAKE_CURRENT_SOURCE_DIR}/real-marks")

if(PHIEU_TESTS)
  add_executable(hand_family_test hand_marks_test.cc)
  target_link_libraries(hand_family_test PRIVATE phieu_hand_family phieu_synthetic phieu_scanner
                        phieu_forms phieu_core ${OpenCV_LIBS} GTest::gtest_main)
  target_include_directories(hand_family_test PRIVATE ${OpenCV_INCLUDE_DIRS})
  target_compile_definitions(hand_family_test PRIVATE
                             PHIEU_REAL_MARKS_DIR="${PHIEU_REAL_MARKS_DIR}")
  gtest_discover_tests(hand_family_test)
endif()

# Writes a page with every kind of mark and every scan family as PNGs, to look at:
# hand_family_preview [OUT_DIR] (default /tmp/hand_family).
add_executable(hand_family_preview hand_family_preview.cc)
target_link_libraries(hand_family_preview PRIVATE phieu_hand_family phieu_synthetic phieu_scanner
                      phieu_forms phieu_core ${OpenCV_LIBS})
target_include_directories(hand_family_preview PRIVATE ${OpenCV_INCLUDE_DIRS})
target_compile_definitions(hand_family_preview PRIVATE
                           PHIEU_REAL_MARKS_DIR="${PHIEU_REAL_MARKS_DIR}")
