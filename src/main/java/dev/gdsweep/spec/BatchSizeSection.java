package dev.gdsweep.spec;

import dev.gdsweep.grid.Grid;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * {@code batch_size:} {@code full} (the default), a number of training rows, or a list of them: an
 * axis of the grid. Mini-batches need a model over data.
 */
final class BatchSizeSection {

    static final List<Integer> DEFAULT = List.of(Grid.FULL_BATCH);

    private static final String FULL = "full";

    private BatchSizeSection() {}

    static List<Integer> read(SpecNode node, LossSpec loss) {
        List<SpecNode> items = node.isList() ? node.asList() : List.of(node);
        if (items.isEmpty()) {
            throw node.error("needs at least one batch size");
        }
        List<Integer> sizes = new ArrayList<>();
        for (SpecNode item : items) {
            if (item.raw() instanceof ScalarNode s && FULL.equals(s.getValue())) {
                sizes.add(Grid.FULL_BATCH);
                continue;
            }
            if (!(loss instanceof LossSpec.Model model)) {
                throw item.invalid("mini-batches need a model over data (loss: {model: ...}); use full");
            }
            int size = item.asInt();
            int rows = model.data().train().rowCount();
            if (size < 1 || size > rows) {
                throw item.invalid("must be full or a number of rows from 1 to the " + rows + " training rows");
            }
            sizes.add(size);
        }
        return sizes;
    }

    static List<Object> write(List<Integer> batchSizes) {
        List<Object> out = new ArrayList<>();
        for (int b : batchSizes) {
            out.add(b == Grid.FULL_BATCH ? FULL : (Object) b);
        }
        return out;
    }
}
