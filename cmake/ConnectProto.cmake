# Spark Connect C++ bindings, generated at build time from the descriptors embedded in the
# pinned pyspark wheel (scripts/extract_connect_descriptors.py). No .proto file is kept here.
find_program(PROTOC protoc REQUIRED)
find_program(GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)
execute_process(
  COMMAND "${SPARKLING_PYTHON}" -c
    "import os,pyspark.sql.connect.proto as p;print(os.path.dirname(p.__file__))"
  OUTPUT_VARIABLE CONNECT_PROTO_PY_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
  COMMAND_ERROR_IS_FATAL ANY)
set(_names base catalog commands common expressions ml ml_common pipelines relations types)
set(_gen_dir "${CMAKE_BINARY_DIR}/generated")
set(_descriptor_set "${_gen_dir}/spark_connect.pb")
set(_outputs)
set(_protos)
foreach(_n ${_names})
  list(APPEND _protos "spark/connect/${_n}.proto")
  list(APPEND _outputs
    "${_gen_dir}/spark/connect/${_n}.pb.cc" "${_gen_dir}/spark/connect/${_n}.pb.h")
endforeach()
list(APPEND _outputs
  "${_gen_dir}/spark/connect/base.grpc.pb.cc" "${_gen_dir}/spark/connect/base.grpc.pb.h")
file(GLOB _pb2_modules "${CONNECT_PROTO_PY_DIR}/*_pb2.py")
add_custom_command(
  OUTPUT ${_outputs}
  COMMAND ${CMAKE_COMMAND} -E make_directory "${_gen_dir}"
  COMMAND "${SPARKLING_PYTHON}" "${CMAKE_SOURCE_DIR}/scripts/extract_connect_descriptors.py"
          "${CONNECT_PROTO_PY_DIR}" "${_descriptor_set}"
  COMMAND "${PROTOC}" "--descriptor_set_in=${_descriptor_set}" "--cpp_out=${_gen_dir}"
          "--grpc_out=${_gen_dir}" "--plugin=protoc-gen-grpc=${GRPC_CPP_PLUGIN}" ${_protos}
  DEPENDS "${CMAKE_SOURCE_DIR}/scripts/extract_connect_descriptors.py" ${_pb2_modules}
  COMMENT "Generating Spark Connect bindings from the pinned pyspark"
  VERBATIM)
# grpc_out also writes stubs for the message-only files; only base has a service.
add_library(spark_connect_proto STATIC ${_outputs})
target_include_directories(spark_connect_proto SYSTEM PUBLIC "${_gen_dir}")
target_link_libraries(spark_connect_proto PUBLIC protobuf::libprotobuf gRPC::grpc++)
# Generated code: optimise lightly, it is large and rarely on a hot path.
target_compile_options(spark_connect_proto PRIVATE -O1 -w)
