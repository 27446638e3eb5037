"""Writes a FileDescriptorSet of the Spark Connect protocol taken from the installed pyspark.

The generated *_pb2.py modules of pyspark embed each .proto file's serialized
FileDescriptorProto as the bytes literal passed to AddSerializedFile. We read those literals
with `ast` (no import, so the protobuf runtime version does not matter), add the two
well-known types they depend on, and write one descriptor set that protoc compiles to C++.
No .proto source is stored in this repository.
"""

import ast
import pathlib
import sys

from google.protobuf import any_pb2, descriptor_pb2, timestamp_pb2


def embedded_descriptor(module_path: pathlib.Path) -> bytes | None:
    tree = ast.parse(module_path.read_text())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "AddSerializedFile"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, bytes)
        ):
            return node.args[0].value
    return None


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: extract_connect_descriptors.py <pyspark proto dir> <out.pb>", file=sys.stderr)
        return 2
    proto_dir = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    files = descriptor_pb2.FileDescriptorSet()
    for well_known in (any_pb2, timestamp_pb2):
        fdp = descriptor_pb2.FileDescriptorProto()
        well_known.DESCRIPTOR.CopyToProto(fdp)
        files.file.append(fdp)
    names = []
    for module in sorted(proto_dir.glob("*_pb2.py")):
        data = embedded_descriptor(module)
        if data is None:
            continue
        fdp = descriptor_pb2.FileDescriptorProto.FromString(data)
        files.file.append(fdp)
        names.append(fdp.name)
    if "spark/connect/base.proto" not in names:
        print(f"no Spark Connect descriptors found in {proto_dir}", file=sys.stderr)
        return 1
    out.write_bytes(files.SerializeToString())
    print(" ".join(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
