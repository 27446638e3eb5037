#include "connect/artifact_manager.h"

#include <gtest/gtest.h>
#include <spark/connect/base.pb.h>

namespace sparkling::connect {
namespace {

using spark::connect::AddArtifactsRequest;
using spark::connect::AddArtifactsResponse;

constexpr char kSession[] = "0b7c3a58-9f11-4c33-9d2b-64c8f6a0c001";

TEST(Crc32, MatchesZlib) {
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Crc32("6789", Crc32("12345")), 0xCBF43926u);
}

AddArtifactsRequest Batch(const std::string& name, const std::string& data, uint32_t crc) {
  AddArtifactsRequest request;
  auto* artifact = request.mutable_batch()->add_artifacts();
  artifact->set_name(name);
  artifact->mutable_data()->set_data(data);
  artifact->mutable_data()->set_crc(crc);
  return request;
}

TEST(ArtifactUpload, BatchesStoreIntactArtifactsOnly) {
  ArtifactManager manager;
  ArtifactUpload upload(manager, kSession);
  ASSERT_TRUE(upload.Add(Batch("cache/abc", "blob", Crc32("blob"))).ok());
  ASSERT_TRUE(upload.Add(Batch("cache/bad", "blob", 42)).ok());
  AddArtifactsResponse response;
  ASSERT_TRUE(upload.Finish(&response).ok());
  ASSERT_EQ(response.artifacts_size(), 2);
  EXPECT_TRUE(response.artifacts(0).is_crc_successful());
  EXPECT_FALSE(response.artifacts(1).is_crc_successful());
  auto blob = manager.FindCachedBlob(kSession, "abc");
  ASSERT_TRUE(blob.ok());
  EXPECT_EQ(**blob, "blob");
  EXPECT_FALSE(manager.Exists(kSession, "cache/bad"));
  EXPECT_FALSE(manager.FindCachedBlob(kSession, "bad").ok());
}

TEST(ArtifactUpload, ChunkedArtifactsAreReassembled) {
  ArtifactManager manager;
  ArtifactUpload upload(manager, kSession);
  AddArtifactsRequest begin;
  begin.mutable_begin_chunk()->set_name("files/data.bin");
  begin.mutable_begin_chunk()->set_total_bytes(9);
  begin.mutable_begin_chunk()->set_num_chunks(3);
  begin.mutable_begin_chunk()->mutable_initial_chunk()->set_data("abc");
  begin.mutable_begin_chunk()->mutable_initial_chunk()->set_crc(Crc32("abc"));
  ASSERT_TRUE(upload.Add(begin).ok());
  for (std::string part : {"def", "ghi"}) {
    AddArtifactsRequest chunk;
    chunk.mutable_chunk()->set_data(part);
    chunk.mutable_chunk()->set_crc(Crc32(part));
    ASSERT_TRUE(upload.Add(chunk).ok());
  }
  AddArtifactsResponse response;
  ASSERT_TRUE(upload.Finish(&response).ok());
  ASSERT_EQ(response.artifacts_size(), 1);
  EXPECT_TRUE(response.artifacts(0).is_crc_successful());
  EXPECT_EQ(*manager.Find(kSession, "files/data.bin"), "abcdefghi");
}

TEST(ArtifactUpload, CorruptChunkFailsTheWholeArtifact) {
  ArtifactManager manager;
  ArtifactUpload upload(manager, kSession);
  AddArtifactsRequest begin;
  begin.mutable_begin_chunk()->set_name("cache/x");
  begin.mutable_begin_chunk()->set_total_bytes(6);
  begin.mutable_begin_chunk()->set_num_chunks(2);
  begin.mutable_begin_chunk()->mutable_initial_chunk()->set_data("abc");
  begin.mutable_begin_chunk()->mutable_initial_chunk()->set_crc(Crc32("abc"));
  ASSERT_TRUE(upload.Add(begin).ok());
  AddArtifactsRequest chunk;
  chunk.mutable_chunk()->set_data("def");
  chunk.mutable_chunk()->set_crc(1);
  ASSERT_TRUE(upload.Add(chunk).ok());
  AddArtifactsResponse response;
  ASSERT_TRUE(upload.Finish(&response).ok());
  EXPECT_FALSE(response.artifacts(0).is_crc_successful());
  EXPECT_FALSE(manager.Exists(kSession, "cache/x"));
}

TEST(ArtifactUpload, ProtocolViolationsAndBadNamesAreErrors) {
  ArtifactManager manager;
  ArtifactUpload upload(manager, kSession);
  AddArtifactsRequest chunk;
  chunk.mutable_chunk()->set_data("x");
  EXPECT_FALSE(upload.Add(chunk).ok());
  EXPECT_FALSE(upload.Add(Batch("../escape", "x", Crc32("x"))).ok());
  EXPECT_FALSE(upload.Add(Batch("/abs", "x", Crc32("x"))).ok());

  ArtifactUpload unfinished(manager, kSession);
  AddArtifactsRequest begin;
  begin.mutable_begin_chunk()->set_name("cache/y");
  begin.mutable_begin_chunk()->set_total_bytes(6);
  begin.mutable_begin_chunk()->set_num_chunks(2);
  ASSERT_TRUE(unfinished.Add(begin).ok());
  AddArtifactsResponse response;
  EXPECT_FALSE(unfinished.Finish(&response).ok());
}

TEST(ArtifactManager, SessionsAreIsolatedAndReleasable) {
  ArtifactManager manager;
  ASSERT_TRUE(manager.Store(kSession, "pyfiles/a.py", "x = 1").ok());
  EXPECT_FALSE(manager.Exists("other", "pyfiles/a.py"));
  EXPECT_FALSE(manager.Store(kSession, "pyfiles/a.py", "x = 2").ok());
  EXPECT_TRUE(manager.Store(kSession, "pyfiles/a.py", "x = 1").ok());
  manager.CopySession(kSession, "clone");
  EXPECT_TRUE(manager.Exists("clone", "pyfiles/a.py"));
  manager.RemoveSession(kSession);
  EXPECT_FALSE(manager.Exists(kSession, "pyfiles/a.py"));
}

}  // namespace
}  // namespace sparkling::connect
