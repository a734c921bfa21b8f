package dev.custos.admission.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Objects in shapes that {@code ReviewBuilder} does not build. */
final class DecisionFixturesJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionFixturesJson() {}

  /** Returns a pod as a ReplicaSet controller creates it: no name yet, only generateName. */
  static ObjectNode podWithGenerateName(String generateName, String image) {
    ObjectNode pod = MAPPER.createObjectNode();
    pod.put("kind", "Pod").put("apiVersion", "v1");
    pod.putObject("metadata").put("generateName", generateName).put("namespace", "default");
    pod.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", image);
    return pod;
  }
}
