using System.CommandLine;
using GpuImdb.Cli.Rendering;
using GpuImdb.Trainer.Prediction;

namespace GpuImdb.Cli.Commands;

/// <summary>The <c>--model DIR</c> option of the commands that use a trained model.</summary>
internal static class ModelOption
{
    public static Option<string> Create() => new("--model", "-m")
    {
        Description = "The model folder: the --output of 'gpuimdb train'",
        Required = true,
        HelpName = "DIR",
    };

    /// <summary>Sizes in words, e.g. "vocabulary 10,000, max length 256, embedding 16, hidden 16".</summary>
    public static string Describe(SavedModel model)
    {
        var c = model.Config;
        return $"vocabulary {ModelSummaryRenderer.Thousands(c.VocabSize)}, max length {c.SequenceLength}, "
            + $"embedding {c.EmbeddingDim}, hidden {c.HiddenUnits}"
            + (c.MaskPadding ? ", padding masked" : "") + $", batch {model.BatchSize}";
    }
}
