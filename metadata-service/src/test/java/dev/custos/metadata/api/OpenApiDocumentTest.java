package dev.custos.metadata.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.custos.embedded.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and Swagger UI, reachable without a token, describe the REST routes. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class OpenApiDocumentTest {
  /** Every REST route, as path and lowercase method. */
  private static final Map<String, List<String>> ROUTES =
      Map.ofEntries(
          Map.entry("/v1/projects", List.of("get", "post")),
          Map.entry("/v1/projects/{project}", List.of("get", "delete")),
          Map.entry("/v1/projects/{project}/notes", List.of("get", "post")),
          Map.entry("/v1/projects/{project}/notes/{note}", List.of("get", "patch", "delete")),
          Map.entry("/v1/projects/{project}/notes:batchCreate", List.of("post")),
          Map.entry("/v1/projects/{project}/notes/{note}/occurrences", List.of("get")),
          Map.entry("/v1/projects/{project}/occurrences", List.of("get", "post")),
          Map.entry(
              "/v1/projects/{project}/occurrences/{occurrence}", List.of("get", "patch", "delete")),
          Map.entry("/v1/projects/{project}/occurrences:batchCreate", List.of("post")),
          Map.entry("/v1/projects/{project}/occurrences/{occurrence}/notes", List.of("get")),
          Map.entry("/v1/projects/{project}/occurrences:vulnerabilitySummary", List.of("get")));

  private static JsonPath document() {
    return given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void documentListsEveryRoute() {
    JsonPath document = document();

    ROUTES.forEach(
        (path, methods) -> {
          Map<String, Object> item = document.getMap("paths.get('" + path + "')");
          assertThat(item).as(path).isNotNull();
          assertThat(item.keySet()).as(path).containsAll(methods);
        });
    assertThat(document.getMap("paths").keySet())
        .containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
  }

  @Test
  void everyOperationHasSummaryAndPermission() {
    JsonPath document = document();

    ROUTES.forEach(
        (path, methods) -> {
          for (String method : methods) {
            String operation = "paths.get('" + path + "')." + method;
            assertThat(document.getString(operation + ".summary"))
                .as(method + " " + path)
                .isNotBlank();
            assertThat(document.getString(operation + ".description"))
                .as(method + " " + path)
                .containsPattern("(notes|occurrences|projects)\\.[a-zA-Z]+");
          }
        });
  }

  @Test
  void documentDeclaresBearerScheme() {
    JsonPath document = document();

    assertThat(document.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
    assertThat(document.getString("info.title")).isEqualTo("Custos metadata service");
  }

  @Test
  void documentIsServedAsYamlToo() {
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/v1/projects/{project}/occurrences:batchCreate"));
  }

  @Test
  void swaggerUiIsReachableWithoutToken() {
    given()
        .get("/q/swagger-ui/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(notNullValue());
    given().redirects().follow(false).get("/q/openapi?format=json").then().statusCode(equalTo(200));
  }
}
