# Arrow C++ comes from the pinned pyarrow wheel in the project's Python environment: the wheel
# ships headers and lib<name>.so.<SO> files but no CMake package, so we import them by full path.
set(PYARROW_PIN "21.0.0" CACHE STRING "exact pyarrow version the build links against")
if(NOT SPARKLING_PYTHON)
  set(SPARKLING_PYTHON "${CMAKE_SOURCE_DIR}/.venv/bin/python")
endif()
execute_process(
  COMMAND "${SPARKLING_PYTHON}" -c
    "import os,pyarrow as pa;print(pa.__version__);print(os.path.dirname(pa.__file__));print(pa.get_include())"
  OUTPUT_VARIABLE _pyarrow_info OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _pyarrow_rc)
if(NOT _pyarrow_rc EQUAL 0)
  message(FATAL_ERROR "cannot import pyarrow with ${SPARKLING_PYTHON}; run `make setup` first")
endif()
string(REPLACE "\n" ";" _pyarrow_info "${_pyarrow_info}")
list(GET _pyarrow_info 0 PYARROW_VERSION)
list(GET _pyarrow_info 1 PYARROW_DIR)
list(GET _pyarrow_info 2 PYARROW_INCLUDE_DIR)
if(NOT PYARROW_VERSION VERSION_EQUAL PYARROW_PIN)
  message(FATAL_ERROR "pyarrow ${PYARROW_VERSION} found, ${PYARROW_PIN} pinned")
endif()
string(REGEX MATCH "^([0-9]+)\\.([0-9]+)" _m "${PYARROW_VERSION}")
math(EXPR ARROW_SO "${CMAKE_MATCH_1} * 100 + ${CMAKE_MATCH_2}")
foreach(_lib arrow arrow_compute arrow_acero arrow_dataset parquet)
  set(_path "${PYARROW_DIR}/lib${_lib}.so.${ARROW_SO}")
  if(NOT EXISTS "${_path}")
    message(FATAL_ERROR "missing ${_path}")
  endif()
  add_library(pyarrow::${_lib} SHARED IMPORTED GLOBAL)
  set_target_properties(pyarrow::${_lib} PROPERTIES
    IMPORTED_LOCATION "${_path}"
    IMPORTED_SONAME "lib${_lib}.so.${ARROW_SO}"
    INTERFACE_INCLUDE_DIRECTORIES "${PYARROW_INCLUDE_DIR}")
endforeach()
set_property(TARGET pyarrow::arrow_compute APPEND PROPERTY INTERFACE_LINK_LIBRARIES pyarrow::arrow)
set_property(TARGET pyarrow::parquet APPEND PROPERTY INTERFACE_LINK_LIBRARIES pyarrow::arrow)
set_property(TARGET pyarrow::arrow_acero APPEND PROPERTY INTERFACE_LINK_LIBRARIES pyarrow::arrow_compute)
set_property(TARGET pyarrow::arrow_dataset APPEND PROPERTY INTERFACE_LINK_LIBRARIES pyarrow::arrow_acero pyarrow::parquet)
# The binary finds the wheel's libraries through its run path.
list(APPEND CMAKE_BUILD_RPATH "${PYARROW_DIR}")
set(CMAKE_BUILD_RPATH "${CMAKE_BUILD_RPATH}" PARENT_SCOPE)
message(STATUS "Arrow C++ ${PYARROW_VERSION} from ${PYARROW_DIR}")
