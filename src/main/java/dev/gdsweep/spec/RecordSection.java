package dev.gdsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code record:} which runs have their path recorded: {@code trajectories} (how many, spread over
 * the grid), {@code every} (the stride) and {@code run_ids} (exactly these runs).
 */
final class RecordSection {

    private static final int MAX = 100_000;

    private RecordSection() {}

    /** @param runs the grid's size: run ids must be below it */
    static RecordSpec read(SpecNode node, long runs) {
        SpecMapping m = node.asMapping("trajectories", "every", "run_ids");
        int trajectories = Defaults.TRAJECTORIES;
        Optional<SpecNode> count = m.get("trajectories");
        if (count.isPresent()) {
            trajectories = count.get().asInt();
            if (trajectories < 0 || trajectories > MAX) {
                throw count.get().invalid("must be from 0 to " + MAX);
            }
        }
        long every = m.positiveLong("every", 1);
        List<Long> ids = new ArrayList<>();
        Optional<SpecNode> idsNode = m.get("run_ids");
        if (idsNode.isPresent()) {
            for (SpecNode id : idsNode.get().asList()) {
                long v = id.asLong();
                if (v < 0 || v >= runs) {
                    throw id.invalid("must be a run id from 0 to " + (runs - 1));
                }
                ids.add(v);
            }
            if (ids.size() > MAX) {
                throw idsNode.get().error("at most " + MAX + " run ids, got " + ids.size());
            }
        }
        return new RecordSpec(trajectories, every, ids);
    }

    static Map<String, Object> write(RecordSpec record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trajectories", record.trajectories());
        out.put("every", record.every());
        if (!record.runIds().isEmpty()) {
            out.put("run_ids", new ArrayList<Object>(record.runIds()));
        }
        return out;
    }
}
