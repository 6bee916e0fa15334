// The one source of ranker_test_pch (tests/CMakeLists.txt), the target that
// builds the test executables' precompiled header; CMake compiles a header
// only for a target that has a source to compile.
