package dev.custos.metadata.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every REST resource method declares the permission it needs, so no route is left unchecked. */
class RequiresPermissionCoverageTest {
  private static final String ROOT_PACKAGE = "dev/custos/metadata";

  @Test
  void everyResourceMethodDeclaresPermission() throws Exception {
    List<Class<?>> resources = resourceClasses();
    List<String> unchecked = new ArrayList<>();
    int methods = 0;

    for (Class<?> resource : resources) {
      for (Method method : resource.getDeclaredMethods()) {
        if (isHttpMethod(method)) {
          methods++;
          if (!method.isAnnotationPresent(RequiresPermission.class)) {
            unchecked.add(resource.getSimpleName() + "." + method.getName());
          }
        }
      }
    }

    assertThat(resources).hasSizeGreaterThanOrEqualTo(7);
    assertThat(methods).isGreaterThanOrEqualTo(18);
    assertThat(unchecked).isEmpty();
  }

  private static boolean isHttpMethod(Method method) {
    return method.isAnnotationPresent(GET.class)
        || method.isAnnotationPresent(POST.class)
        || method.isAnnotationPresent(PUT.class)
        || method.isAnnotationPresent(PATCH.class)
        || method.isAnnotationPresent(DELETE.class);
  }

  private static List<Class<?>> resourceClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    ClassLoader loader = RequiresPermissionCoverageTest.class.getClassLoader();
    List<Class<?>> resources = new ArrayList<>();
    for (URL root : Collections.list(loader.getResources(ROOT_PACKAGE))) {
      if (!root.getProtocol().equals("file") || root.getPath().contains("test-classes")) {
        continue;
      }
      java.nio.file.Path base = Paths.get(root.toURI()).getParent().getParent().getParent();
      try (Stream<java.nio.file.Path> files = Files.walk(Paths.get(root.toURI()))) {
        for (java.nio.file.Path file :
            files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name = base.relativize(file).toString().replace('/', '.').replace(".class", "");
          Class<?> type = Class.forName(name, false, loader);
          if (type.isAnnotationPresent(Path.class)) {
            resources.add(type);
          }
        }
      }
    }

    return resources;
  }
}
