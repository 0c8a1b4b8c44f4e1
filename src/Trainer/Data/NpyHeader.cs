namespace GpuImdb.Trainer.Data;

/// <summary>The three fields of a .npy header dictionary.</summary>
/// <param name="Descr">
/// The dtype string, such as <c>&lt;i8</c>, or the literal's text when it is not a string.
/// </param>
/// <param name="DescrIsString">False when 'descr' is a list (a structured dtype).</param>
/// <param name="FortranOrder">True when the data is stored column-major.</param>
/// <param name="Shape">The dimensions, outermost first.</param>
internal sealed record NpyHeader(string Descr, bool DescrIsString, bool FortranOrder, int[] Shape);
