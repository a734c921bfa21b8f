package dev.custos.admission.review;

/**
 * One image of a workload and where it is written.
 *
 * @param type the kind of container
 * @param containerName the container's {@code name}, empty when the object has none
 * @param image the image reference as written, not yet parsed
 * @param path the JSON path of the image field in the object, for example {@code
 *     spec.template.spec.containers[0].image}
 */
public record ContainerImage(ContainerType type, String containerName, String image, String path) {}
