package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.OneLine;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A folder option checked while the command line is parsed, so a wrong folder is an invalid command line (exit 2), before connecting. */
final class ExistingDirectory implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        Path directory = Path.of(value);
        if (!Files.isDirectory(directory)) {
            throw new TypeConversionException("'" + OneLine.escape(value) + "' does not exist or is not a directory");
        }
        return directory;
    }
}
