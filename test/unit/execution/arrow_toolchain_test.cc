// Proves the Arrow C++ libraries from the pinned pyarrow wheel link and run with g++ 12:
// an IPC stream and a Parquet file written and read back.
#include <arrow/api.h>
#include <arrow/io/file.h>
#include <arrow/io/memory.h>
#include <arrow/ipc/reader.h>
#include <arrow/ipc/writer.h>
#include <gtest/gtest.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/writer.h>

#include <filesystem>

namespace {

std::shared_ptr<arrow::Table> SampleTable() {
  arrow::Int64Builder ids;
  arrow::StringBuilder names;
  EXPECT_TRUE(ids.AppendValues({1, 2, 3}).ok());
  EXPECT_TRUE(names.Append("a").ok());
  EXPECT_TRUE(names.AppendNull().ok());
  EXPECT_TRUE(names.Append("c").ok());
  auto schema = arrow::schema(
      {arrow::field("id", arrow::int64(), false), arrow::field("name", arrow::utf8())});
  return arrow::Table::Make(schema, {ids.Finish().ValueOrDie(), names.Finish().ValueOrDie()});
}

TEST(ArrowToolchain, IpcStreamRoundTrip) {
  auto table = SampleTable();
  auto sink = arrow::io::BufferOutputStream::Create().ValueOrDie();
  auto writer = arrow::ipc::MakeStreamWriter(sink, table->schema()).ValueOrDie();
  ASSERT_TRUE(writer->WriteTable(*table).ok());
  ASSERT_TRUE(writer->Close().ok());
  auto buffer = sink->Finish().ValueOrDie();
  auto reader =
      arrow::ipc::RecordBatchStreamReader::Open(std::make_shared<arrow::io::BufferReader>(buffer))
          .ValueOrDie();
  auto read = reader->ToTable().ValueOrDie();
  EXPECT_TRUE(read->Equals(*table));
}

TEST(ArrowToolchain, ParquetFileRoundTrip) {
  auto table = SampleTable();
  auto path = std::filesystem::temp_directory_path() / "sparkling_toolchain_test.parquet";
  {
    auto out = arrow::io::FileOutputStream::Open(path.string()).ValueOrDie();
    ASSERT_TRUE(parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), out, 2).ok());
  }
  auto in = arrow::io::ReadableFile::Open(path.string()).ValueOrDie();
  auto reader = parquet::arrow::OpenFile(in, arrow::default_memory_pool()).ValueOrDie();
  std::shared_ptr<arrow::Table> read;
  ASSERT_TRUE(reader->ReadTable(&read).ok());
  EXPECT_EQ(read->num_rows(), 3);
  EXPECT_TRUE(read->column(1)->Equals(*table->column(1)));
  std::filesystem::remove(path);
}

}  // namespace
