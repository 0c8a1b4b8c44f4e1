using System.Globalization;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Cli.Rendering;

/// <summary>Writes a Keras-style <c>model.summary()</c> table.</summary>
internal static class ModelSummaryRenderer
{
    private const int ParamWidth = 10;

    public static void Write(TextWriter writer, ModelConfig config)
    {
        var rows = config.Summary;
        int nameWidth = Math.Max("Layer (type)".Length, rows.Max(r => r.Layer.Length)) + 2;
        int shapeWidth = Math.Max("Output Shape".Length, rows.Max(r => r.OutputShape.Length)) + 2;
        int width = nameWidth + shapeWidth + ParamWidth + 1;
        string rule = new('_', width);
        string doubleRule = new('=', width);

        writer.WriteLine("Model: \"sequential\"");
        writer.WriteLine(rule);
        writer.WriteLine(
            $" {"Layer (type)".PadRight(nameWidth)}{"Output Shape".PadRight(shapeWidth)}{"Param #",ParamWidth}");
        writer.WriteLine(doubleRule);
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            writer.WriteLine($" {row.Layer.PadRight(nameWidth)}{row.OutputShape.PadRight(shapeWidth)}"
                + $"{Thousands(row.Parameters),ParamWidth}");
            writer.WriteLine(i == rows.Count - 1 ? doubleRule : "");
        }

        string total = Thousands(config.ParameterCount);
        writer.WriteLine($"Total params: {total}");
        writer.WriteLine($"Trainable params: {total}");
        writer.WriteLine("Non-trainable params: 0");
        writer.WriteLine(rule);
    }

    public static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
