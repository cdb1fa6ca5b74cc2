package org.mnistablation.notebook;

/**
 * The helper draws charts off screen only. A kernel started without {@code -Djava.awt.headless=true} (IJava's
 * kernel.json passes no JVM flags) on a machine whose {@code DISPLAY} names an X server it cannot reach fails on
 * the first drawing with {@code AWTError: Can't connect to X11 window server}; setting the property before AWT's
 * first use avoids it. An explicit {@code -Djava.awt.headless=...} is left as it is.
 */
public final class Headless {

    private Headless() {
    }

    /** Sets {@code java.awt.headless=true} unless the property is already set; returns its value. */
    public static String ensure() {
        synchronized (Headless.class) {
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true");
            }
            return System.getProperty("java.awt.headless");
        }
    }
}
