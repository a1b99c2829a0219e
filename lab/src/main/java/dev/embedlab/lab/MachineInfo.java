package dev.embedlab.lab;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One line describing the machine the numbers come from: CPU model, cores, memory, OS, JVM. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe() {
        String cpu = cpuModel();
        int cores = Runtime.getRuntime().availableProcessors();
        long memory = totalMemoryBytes();
        return String.format(Locale.ROOT, "%s, %d cores available to the JVM, %s RAM, %s %s %s, Java %s (%s), max heap %d MiB",
                cpu, cores, memory > 0 ? (memory >> 30) + " GiB" : "unknown", System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static String cpuModel() {
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the model is informative only
        }
        return "CPU model unknown";
    }

    private static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
