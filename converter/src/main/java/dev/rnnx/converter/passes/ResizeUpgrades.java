package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resampling operators.
 * <ul>
 *   <li>Upsample-1 scaled the last two dims of a 4-D input by {@code height_scale} and
 *       {@code width_scale}, in mode nearest or bilinear; version 7 takes {@code scales} for
 *       every dim and calls bilinear linear; version 9 takes scales as an input; version 10
 *       deprecated it for Resize-10, which has the same inputs and meaning.</li>
 *   <li>Resize-10 (like Upsample) maps output coordinate x to input coordinate x / scale and,
 *       in nearest mode, rounds down; Resize-11 added coordinate transformation and nearest
 *       modes with other defaults, so those are written out (asymmetric, floor) and the roi
 *       input left empty (optional from 13).</li>
 *   <li>Resize-11's {@code tf_half_pixel_for_nn}, gone in 13, maps x to (x + 0.5) / scale; that
 *       is half_pixel plus 0.5, which nearest modes floor and round_prefer_floor absorb as
 *       round_prefer_ceil and ceil.</li>
 *   <li>GridSample-20 renamed modes bilinear and bicubic to linear and cubic.</li>
 *   <li>RoiAlign-16 added {@code coordinate_transformation_mode} with default half_pixel; the
 *       old behaviour is output_half_pixel.</li>
 * </ul>
 */
final class ResizeUpgrades {
  private static final Map<String, String> HALF_PIXEL_NEAREST = Map.of(
      "floor", "round_prefer_ceil", "round_prefer_floor", "ceil");

  private ResizeUpgrades() {}

  static void register(UpgradeRules.Registry r) {
    r.add("Upsample", 1, 7, ResizeUpgrades::upsample1);
    r.add("Upsample", 7, 9, ResizeUpgrades::upsample7);
    r.add("Upsample", 9, 10, ResizeUpgrades::toResize10);
    r.add("Upsample", 10, 10, ResizeUpgrades::toResize10);
    r.add("Resize", 10, 13, ResizeUpgrades::resize10);
    r.add("Resize", 11, 13, ResizeUpgrades::resize11);
    r.add("GridSample", 16, 20, ResizeUpgrades::gridSample16);
    r.add("RoiAlign", 10, 16, (n, s) -> UpgradeStep.Rewrite.to(n.withAttribute(
        Attribute.of("coordinate_transformation_mode", "output_half_pixel")), 16));
  }

  private static UpgradeStep.Rewrite toResize10(Node n, UpgradeScope s) {
    return UpgradeStep.Rewrite.to(UpgradeScope.renamed(n, "Resize"), 10);
  }

  private static UpgradeStep.Rewrite upsample1(Node n, UpgradeScope s) {
    float h = n.attribute("height_scale").orElseThrow(
        () -> s.refuse("attribute 'height_scale' is missing")).asFloat();
    float w = n.attribute("width_scale").orElseThrow(
        () -> s.refuse("attribute 'width_scale' is missing")).asFloat();
    String mode = n.stringAttr("mode", "nearest");
    if (!mode.equals("nearest") && !mode.equals("bilinear")) {
      throw s.refuse("mode '" + mode + "' is neither nearest nor bilinear");
    }
    Node node = n.withoutAttribute("height_scale").withoutAttribute("width_scale")
        .withAttribute(Attribute.floats("scales", 1, 1, h, w))
        .withAttribute(Attribute.of("mode", mode.equals("bilinear") ? "linear" : mode));
    return UpgradeStep.Rewrite.to(node, 7);
  }

  private static UpgradeStep.Rewrite upsample7(Node n, UpgradeScope s) {
    float[] scales = n.attribute("scales").orElseThrow(
        () -> s.refuse("attribute 'scales' is missing")).asFloats();
    List<Node> before = new ArrayList<>();
    String input = s.constant(before, n, "scales", Tensor.of(scales, scales.length));
    Node node = n.withoutAttribute("scales").withInputs(List.of(n.inputs().get(0), input));
    return UpgradeStep.Rewrite.after(before, node, 9);
  }

  private static UpgradeStep.Rewrite resize10(Node n, UpgradeScope s) {
    Node node = n.withInputs(List.of(n.inputs().get(0), "", n.inputs().get(1)))
        .withAttribute(Attribute.of("coordinate_transformation_mode", "asymmetric"));
    if (n.stringAttr("mode", "nearest").equals("nearest")) {
      node = node.withAttribute(Attribute.of("nearest_mode", "floor"));
    }
    return UpgradeStep.Rewrite.to(node, 13);
  }

  private static UpgradeStep.Rewrite resize11(Node n, UpgradeScope s) {
    if (!n.stringAttr("coordinate_transformation_mode", "half_pixel")
        .equals("tf_half_pixel_for_nn")) {
      return UpgradeStep.Rewrite.to(n, 13);
    }
    String mode = n.stringAttr("mode", "nearest");
    String nearest = HALF_PIXEL_NEAREST.get(n.stringAttr("nearest_mode", "round_prefer_floor"));
    if (!mode.equals("nearest") || nearest == null) {
      throw s.refuse("tf_half_pixel_for_nn with mode " + mode + " and nearest_mode "
          + n.stringAttr("nearest_mode", "round_prefer_floor") + " has no counterpart from"
          + " version 13 on");
    }
    return UpgradeStep.Rewrite.to(n.withAttribute(Attribute.of(
        "coordinate_transformation_mode", "half_pixel"))
        .withAttribute(Attribute.of("nearest_mode", nearest)), 13);
  }

  private static UpgradeStep.Rewrite gridSample16(Node n, UpgradeScope s) {
    String mode = n.stringAttr("mode", "bilinear");
    String renamed = switch (mode) {
      case "bilinear" -> "linear";
      case "bicubic" -> "cubic";
      case "nearest" -> "nearest";
      default -> throw s.refuse("mode '" + mode + "' is not bilinear, bicubic or nearest");
    };
    return UpgradeStep.Rewrite.to(n.withAttribute(Attribute.of("mode", renamed)), 20);
  }
}
