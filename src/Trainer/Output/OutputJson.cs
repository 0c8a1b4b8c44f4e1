using System.Text.Json;
using System.Text.Json.Serialization;

namespace GpuImdb.Trainer.Output;

/// <summary>JSON settings shared by every output file.</summary>
internal static class OutputJson
{
    /// <summary>
    /// snake_case names, two-space indents, <c>\n</c> line ends and omitted nulls. A diverged run
    /// can have NaN or infinite losses, which JSON numbers cannot hold, so they are written as the
    /// strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> and read back the same way.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Serializes <paramref name="value"/> and ends the text with a newline.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
