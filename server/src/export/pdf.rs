use samskap_app::plan::model::PlanSnapshot; pub fn plan_pdf(_p: &PlanSnapshot) -> Result<Vec<u8>, String> { Err("placeholder".into()) }
