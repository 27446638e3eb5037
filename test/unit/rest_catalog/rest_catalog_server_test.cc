#include "rest_catalog/rest_catalog_server.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "iceberg/file_io.h"
#include "iceberg/iceberg_catalog.h"

namespace sparkling::rest_catalog {
namespace {

namespace fs = std::filesystem;

const char* kCreateTable = R"({"name":"%s","location":null,"schema":{"type":"struct",
  "fields":[{"id":1,"name":"id","required":false,"type":"long"}]}})";

std::string CreateTableBody(const std::string& name) {
  nlohmann::json body = nlohmann::json::parse(kCreateTable);
  body["name"] = name;
  return body.dump();
}

class RestCatalogServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "rest_catalog_test_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    auto catalog = iceberg::OpenWarehouseCatalog(root_, "spark_catalog");
    ASSERT_TRUE(catalog.ok());
    server_ = std::make_unique<RestCatalogServer>(*catalog, RestCatalogServerOptions{});
  }
  void TearDown() override {
    server_.reset();
    (void)iceberg::DeleteLocalTree(root_);
  }

  RestResponse Call(const std::string& method, const std::string& target,
                    const std::string& body = "") {
    return server_->Handle(RestRequest{method, target, body});
  }
  nlohmann::json CallJson(const std::string& method, const std::string& target,
                          const std::string& body = "") {
    RestResponse response = Call(method, target, body);
    return nlohmann::json::parse(response.body.empty() ? "null" : response.body);
  }
  // The error model's type of a failed call.
  std::string ErrorType(const RestResponse& response) {
    auto json = nlohmann::json::parse(response.body, nullptr, false);
    if (!json.is_object() || !json.contains("error")) return "";
    EXPECT_EQ(json["error"]["code"], response.status);
    EXPECT_TRUE(json["error"]["message"].is_string());
    return json["error"]["type"];
  }

  std::string root_;
  std::unique_ptr<RestCatalogServer> server_;
};

TEST_F(RestCatalogServerTest, ConfigListsEndpoints) {
  nlohmann::json config = CallJson("GET", "/v1/config?warehouse=anything");
  EXPECT_TRUE(config["defaults"].is_object());
  EXPECT_TRUE(config["overrides"].is_object());
  std::vector<std::string> endpoints = config["endpoints"];
  for (const char* needed :
       {"HEAD /v1/{prefix}/namespaces/{namespace}",
        "HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "POST /v1/{prefix}/transactions/commit", "GET /v1/{prefix}/namespaces/{namespace}/views"}) {
    EXPECT_NE(std::find(endpoints.begin(), endpoints.end(), needed), endpoints.end()) << needed;
  }
}

TEST_F(RestCatalogServerTest, NamespacesWithAndWithoutPrefix) {
  EXPECT_EQ(Call("POST", "/v1/namespaces", R"({"namespace":["a"],"properties":{"k":"v"}})").status,
            200);
  EXPECT_EQ(Call("POST", "/v1/pfx/namespaces", R"({"namespace":["a","b c"]})").status, 200);
  RestResponse again = Call("POST", "/v1/namespaces", R"({"namespace":["a"]})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrorType(again), "AlreadyExistsException");

  // Levels joined by 0x1F; '+' is a space as Java's URLEncoder writes it.
  nlohmann::json loaded = CallJson("GET", "/v1/namespaces/a%1Fb+c");
  EXPECT_EQ(loaded["namespace"], nlohmann::json::array({"a", "b c"}));
  EXPECT_EQ(CallJson("GET", "/v1/namespaces?parent=a")["namespaces"],
            nlohmann::json::array({nlohmann::json::array({"a", "b c"})}));
  EXPECT_EQ(CallJson("GET", "/v1/pfx/namespaces/a")["properties"]["k"], "v");

  RestResponse head = Call("HEAD", "/v1/namespaces/a");
  EXPECT_EQ(head.status, 204);
  EXPECT_TRUE(head.body.empty());
  RestResponse missing_head = Call("HEAD", "/v1/namespaces/zzz");
  EXPECT_EQ(missing_head.status, 404);
  EXPECT_TRUE(missing_head.body.empty());
  RestResponse missing = Call("GET", "/v1/namespaces/zzz");
  EXPECT_EQ(ErrorType(missing), "NoSuchNamespaceException");

  nlohmann::json properties = CallJson("POST", "/v1/namespaces/a/properties",
                                       R"({"removals":["nope"],"updates":{"x":"1"}})");
  EXPECT_EQ(properties["missing"], nlohmann::json::array({"nope"}));
  EXPECT_EQ(properties["updated"], nlohmann::json::array({"x"}));
  EXPECT_TRUE(properties["removed"].is_array());

  RestResponse not_empty = Call("DELETE", "/v1/namespaces/a");
  EXPECT_EQ(not_empty.status, 409);
  EXPECT_EQ(ErrorType(not_empty), "NamespaceNotEmptyException");
  EXPECT_EQ(Call("DELETE", "/v1/namespaces/a%1Fb%20c").status, 204);
}

TEST_F(RestCatalogServerTest, PagedListings) {
  for (const char* name : {"n1", "n2", "n3"}) {
    Call("POST", "/v1/namespaces", nlohmann::json{{"namespace", {name}}}.dump());
  }
  nlohmann::json first = CallJson("GET", "/v1/namespaces?pageToken=&pageSize=2");
  EXPECT_EQ(first["namespaces"].size(), 2u);
  ASSERT_TRUE(first["next-page-token"].is_string());
  nlohmann::json second = CallJson(
      "GET", "/v1/namespaces?pageSize=2&pageToken=" + first["next-page-token"].get<std::string>());
  EXPECT_EQ(second["namespaces"].size(), 1u);
  EXPECT_TRUE(second["next-page-token"].is_null());
  EXPECT_EQ(Call("GET", "/v1/namespaces?pageToken=abc").status, 400);
  // Page sizes are positive decimal integers; out-of-range ones are errors, not wraparounds.
  for (const char* size : {"0", "-1", "+2", " 2", "2x", "99999999999999999999999"}) {
    EXPECT_EQ(Call("GET", std::string("/v1/namespaces?pageSize=") + size).status, 400) << size;
  }
  nlohmann::json all = CallJson("GET", "/v1/namespaces?pageSize=18446744073709551615");
  EXPECT_EQ(all["namespaces"].size(), 3u);
  EXPECT_TRUE(all["next-page-token"].is_null());
  nlohmann::json past = CallJson("GET", "/v1/namespaces?pageToken=1000&pageSize=2");
  EXPECT_EQ(past["namespaces"].size(), 0u);
}

TEST_F(RestCatalogServerTest, TablesAndTheirErrors) {
  Call("POST", "/v1/namespaces", R"({"namespace":["db"]})");
  nlohmann::json created = CallJson("POST", "/v1/namespaces/db/tables", CreateTableBody("t"));
  ASSERT_TRUE(created.contains("metadata-location")) << created.dump();
  EXPECT_EQ(created["metadata"]["format-version"], 2);

  // An encoded '/' is part of the name, not a path separator.
  EXPECT_EQ(Call("POST", "/v1/namespaces/db/tables", CreateTableBody("a/b")).status, 200);
  EXPECT_EQ(Call("GET", "/v1/namespaces/db/tables/a%2Fb").status, 200);
  EXPECT_EQ(CallJson("GET", "/v1/namespaces/db/tables")["identifiers"].size(), 2u);

  // Spark's metadata-table probe: a missing namespace still gives NoSuchTableException.
  RestResponse probe = Call("GET", "/v1/namespaces/db%1Ft/tables/snapshots");
  EXPECT_EQ(probe.status, 404);
  EXPECT_EQ(ErrorType(probe), "NoSuchTableException");
  EXPECT_EQ(Call("HEAD", "/v1/namespaces/db/tables/t").status, 204);
  EXPECT_EQ(Call("HEAD", "/v1/namespaces/db/tables/zz").status, 404);

  RestResponse commit = Call("POST", "/v1/namespaces/db/tables/t",
                             R"({"requirements":[],"updates":[{"action":"explode"}]})");
  EXPECT_EQ(commit.status, 400);
  EXPECT_EQ(ErrorType(commit), "BadRequestException");
  RestResponse conflict =
      Call("POST", "/v1/namespaces/db/tables/t",
           R"({"requirements":[{"type":"assert-current-schema-id","current-schema-id":4}],
               "updates":[]})");
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(ErrorType(conflict), "CommitFailedException");

  EXPECT_EQ(
      Call("POST", "/v1/namespaces/db/tables/t/metrics", R"({"report-type":"scan-report"})").status,
      204);
  EXPECT_EQ(Call("POST", "/v1/tables/rename",
                 R"({"source":{"namespace":["db"],"name":"t"},
                     "destination":{"namespace":["db"],"name":"u"}})")
                .status,
            204);
  EXPECT_EQ(Call("DELETE", "/v1/namespaces/db/tables/u?purgeRequested=True").status, 204);
  EXPECT_EQ(Call("DELETE", "/v1/namespaces/db/tables/u").status, 404);
}

TEST_F(RestCatalogServerTest, MalformedRequestsAreBadRequests) {
  Call("POST", "/v1/namespaces", R"({"namespace":["db"]})");
  const std::pair<std::string, std::string> cases[] = {
      {"/v1/namespaces", "{not json"},
      {"/v1/namespaces", "[1,2]"},
      {"/v1/namespaces", ""},
      {"/v1/namespaces", R"({"namespace":"db"})"},
      {"/v1/namespaces/db/tables", R"({"name":"t"})"},
      {"/v1/namespaces/db/tables", R"({"name":"t","schema":{"type":"struct","fields":7}})"},
      {"/v1/transactions/commit", R"({"table-changes":[{"requirements":[],"updates":[]}]})"},
      {"/v1/tables/rename", R"({"source":{"namespace":["db"]}})"},
      {"/v1/namespaces/db%ZZ/tables", "{}"},
      {"/v1/nowhere", "{}"},
      {"/v2/namespaces", "{}"},
  };
  for (const auto& [target, body] : cases) {
    RestResponse response = Call("POST", target, body);
    EXPECT_EQ(response.status, 400) << target << " " << body;
    EXPECT_EQ(ErrorType(response), "BadRequestException") << target << " " << body;
  }
  EXPECT_EQ(Call("PUT", "/v1/namespaces", "{}").status, 400);
  EXPECT_EQ(Call("GET", "/v1/namespaces/%1F").status, 400);
}

TEST_F(RestCatalogServerTest, TokenEndpointIssuesAnOpaqueToken) {
  nlohmann::json token = CallJson("POST", "/v1/oauth/tokens",
                                  "grant_type=client_credentials&client_id=a&client_secret=b");
  EXPECT_EQ(token["token_type"], "bearer");
  EXPECT_TRUE(token["access_token"].is_string());
}

TEST_F(RestCatalogServerTest, ServesOverHttpAndRefusesABusyPort) {
  auto catalog = iceberg::OpenWarehouseCatalog(root_ + "/other", "c");
  ASSERT_TRUE(catalog.ok());
  RestCatalogServerOptions options;
  options.port = 0;
  RestCatalogServer first(*catalog, options);
  ASSERT_TRUE(first.Start().ok());
  ASSERT_GT(first.bound_port(), 0);
  options.port = first.bound_port();
  RestCatalogServer second(*catalog, options);
  Status busy = second.Start();
  EXPECT_FALSE(busy.ok());
  EXPECT_NE(busy.message().find(std::to_string(options.port)), std::string::npos);

  // The REST client against the server: a round trip through the whole protocol.
  auto client =
      iceberg::ConnectRestCatalog("http://127.0.0.1:" + std::to_string(first.bound_port()));
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  ASSERT_TRUE((*client)->CreateNamespace({"remote"}, {{"k", "v"}}).ok());
  EXPECT_TRUE(*(*client)->NamespaceExists({"remote"}));
  EXPECT_FALSE(*(*client)->NamespaceExists({"absent"}));
  iceberg::CreateTableRequest request;
  request.name = "t";
  request.schema = *iceberg::IcebergSchemaFromJson(nlohmann::json::parse(
      R"({"type":"struct","fields":[{"id":1,"name":"id","required":false,"type":"long"}]})"));
  auto table = (*client)->CreateTable({"remote"}, request);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_TRUE(*(*client)->TableExists({{"remote"}, "t"}));
  auto missing = (*client)->LoadTable({{"remote"}, "nope"});
  EXPECT_EQ(missing.status().error().error_class, "ICEBERG_NO_SUCH_TABLE");
  iceberg::TableChange change;
  change.identifier = {{"remote"}, "t"};
  change.requirements = {{{"type", "assert-table-uuid"}, {"uuid", "wrong"}}};
  EXPECT_EQ((*client)->CommitTable(change).status().error().error_class, "ICEBERG_COMMIT_FAILED");
  EXPECT_EQ((*client)->DropNamespace({"remote"}).error().error_class,
            "ICEBERG_NAMESPACE_NOT_EMPTY");
  EXPECT_EQ((*client)->ListTables({"remote"})->size(), 1u);
  first.Shutdown();
  first.Wait();
}

}  // namespace
}  // namespace sparkling::rest_catalog
