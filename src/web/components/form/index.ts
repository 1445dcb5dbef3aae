export { FormAlert, FormDialog, SchemaForm, useSchemaSubmit } from "./FormDialog";
export { DateField, NumberField, PickerField, SelectField, TextField } from "./fields";
export { applyProblem, fieldFor, schemaResolver, useSchemaForm } from "./schemaForm";
