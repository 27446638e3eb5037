{{ config(materialized='incremental', incremental_strategy='append') }}
select id, category, amount, updated_at
from {{ ref('events') }}
{% if is_incremental() %}
where id > (select max(id) from {{ this }})
{% endif %}
