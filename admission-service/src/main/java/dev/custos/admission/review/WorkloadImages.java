package dev.custos.admission.review;

import java.util.List;

/**
 * The images that a request would run, or the reason the object could not be decoded.
 *
 * @param images the images in the order of the object: containers, init containers, then ephemeral
 *     containers, or empty when the request runs no new image
 * @param decodeError why the object could not be decoded, or null when it was
 */
public record WorkloadImages(List<ContainerImage> images, String decodeError) {

  public WorkloadImages {
    images = List.copyOf(images);
  }

  public static WorkloadImages of(List<ContainerImage> images) {
    return new WorkloadImages(images, null);
  }

  public static WorkloadImages undecodable(String reason) {
    return new WorkloadImages(List.of(), reason);
  }

  public boolean decoded() {
    return decodeError == null;
  }
}
