package org.mnistablation.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.UUID;

/**
 * The display functions notebook cells call, with IJava's names and meaning ({@code display}, {@code render},
 * {@code updateDisplay}); they are statically imported into every session.
 */
public final class Display {

    private static volatile BaseKernel kernel;

    private Display() {
    }

    /** Called once by the kernel at start-up. */
    public static void attach(BaseKernel k) {
        kernel = k;
    }

    private static BaseKernel kernel() {
        BaseKernel k = kernel;
        if (k == null) {
            throw new IllegalStateException("no Java kernel is running");
        }
        return k;
    }

    public static DisplayData render(Object o) {
        return o instanceof DisplayData d ? d : kernel().getRenderer().render(o);
    }

    public static DisplayData render(Object o, String... as) {
        return o instanceof DisplayData d ? d : kernel().getRenderer().renderAs(o, as);
    }

    /** Shows {@code o} below the cell; returns the id {@link #updateDisplay(String, Object)} takes. */
    public static String display(Object o) {
        return show(render(o));
    }

    public static String display(Object o, String... as) {
        return show(render(o, as));
    }

    public static void updateDisplay(String id, Object o) {
        kernel().getIO().display.updateDisplay(id, copy(render(o)));
    }

    public static void updateDisplay(String id, Object o, String... as) {
        kernel().getIO().display.updateDisplay(id, copy(render(o, as)));
    }

    private static String show(DisplayData data) {
        DisplayData d = copy(data);
        String id = d.hasDisplayId() ? d.getDisplayId() : UUID.randomUUID().toString();
        d.setDisplayId(id);
        kernel().display(d);
        return id;
    }

    private static DisplayData copy(DisplayData d) {
        return new DisplayData(d);
    }
}
